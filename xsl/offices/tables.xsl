<?xml version="1.0" encoding="UTF-8"?>
<!-- tables.xsl — tables and paging (docs/views.md, "Tables and paging"):
     the table in a box of its own that scrolls sideways on a phone (a
     focusable, labelled region, so that a keyboard can scroll it too),
     column headers that are sort links, the current sort announced
     (aria-sort and the sort-asc / sort-desc words), numeric columns aligned
     right, link cells, the row shown when there is none, and the previous /
     next navigation. Included by office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="table">
    <!-- whether any column is numeric: cells look theirs up only then -->
    <xsl:variable name="numeric" select="boolean(columns/col[@numeric])"/>
    <div class="table-box" role="region" aria-label="{@caption}" tabindex="0">
      <table class="table">
        <xsl:copy-of select="@id"/>
        <caption class="table-caption"><xsl:value-of select="@caption"/></caption>
        <thead>
          <tr>
            <xsl:apply-templates select="columns/col"/>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="row">
            <tr>
              <xsl:for-each select="cell">
                <td>
                  <xsl:if test="$numeric">
                    <xsl:variable name="i" select="position()"/>
                    <xsl:if test="../../columns/col[$i]/@numeric">
                      <xsl:attribute name="class">numeric</xsl:attribute>
                    </xsl:if>
                  </xsl:if>
                  <xsl:choose>
                    <xsl:when test="@href"><a href="{@href}"><xsl:value-of select="."/></a></xsl:when>
                    <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                  </xsl:choose>
                </td>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
          <xsl:for-each select="empty">
            <tr>
              <td class="table-empty" colspan="{count(../columns/col)}"><xsl:value-of select="."/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- A column header: a link when the column can be sorted; the sorted
       one says so (aria-sort, and the word after the link). -->
  <xsl:template match="table/columns/col">
    <th scope="col">
      <xsl:attribute name="class">
        <xsl:value-of select="concat('col-', @key, substring(' numeric', 1, 8 * boolean(@numeric)))"/>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="@sorted = 'asc'">
          <xsl:attribute name="aria-sort">ascending</xsl:attribute>
        </xsl:when>
        <xsl:when test="@sorted = 'desc'">
          <xsl:attribute name="aria-sort">descending</xsl:attribute>
        </xsl:when>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="@sort-href">
          <a class="sort-link" href="{@sort-href}"><xsl:value-of select="."/></a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="@sorted = 'asc'">
          <span class="visually-hidden"><xsl:value-of select="concat(' ', $l-sort-asc)"/></span>
        </xsl:when>
        <xsl:when test="@sorted = 'desc'">
          <span class="visually-hidden"><xsl:value-of select="concat(' ', $l-sort-desc)"/></span>
        </xsl:when>
      </xsl:choose>
    </th>
  </xsl:template>

  <!-- First, previous, where we are, next, last; a link keeps its optional id. -->
  <xsl:template match="paging">
    <nav class="paging" aria-label="{$l-paging}">
      <ul class="paging-list">
        <xsl:if test="first">
          <li class="paging-first">
            <a href="{first/@href}"><xsl:copy-of select="first/@id"/><xsl:value-of select="first"/></a>
          </li>
        </xsl:if>
        <xsl:if test="previous">
          <li class="paging-previous">
            <a href="{previous/@href}" rel="prev"><xsl:copy-of select="previous/@id"/><xsl:value-of select="$l-previous"/></a>
          </li>
        </xsl:if>
        <xsl:if test="status">
          <li class="paging-status"><xsl:value-of select="status"/></li>
        </xsl:if>
        <xsl:if test="next">
          <li class="paging-next">
            <a href="{next/@href}" rel="next"><xsl:copy-of select="next/@id"/><xsl:value-of select="$l-next"/></a>
          </li>
        </xsl:if>
        <xsl:if test="last">
          <li class="paging-last">
            <a href="{last/@href}"><xsl:copy-of select="last/@id"/><xsl:value-of select="last"/></a>
          </li>
        </xsl:if>
      </ul>
    </nav>
  </xsl:template>

</xsl:stylesheet>
