<?xml version="1.0" encoding="UTF-8"?>
<!-- conflict.xsl — the comparison shown when someone else saved a content
     meanwhile (docs/views.md, "Conflicts"): one table, a row per member of
     the form, the version saved and the user's input side by side, the
     rows that differ marked by a word (not by colour alone) and a class.
     On a phone each row becomes a block, each value under its column's
     name (data-label, shown by the CSS).
     Included by office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="conflict">
    <div class="table-box conflict" role="region" aria-label="{@caption}" tabindex="0">
      <table class="table conflict-table">
        <caption class="table-caption"><xsl:value-of select="@caption"/></caption>
        <thead>
          <tr>
            <th scope="col" class="col-field"><xsl:value-of select="@field-label"/></th>
            <th scope="col" class="col-theirs"><xsl:value-of select="@theirs-label"/></th>
            <th scope="col" class="col-yours"><xsl:value-of select="@yours-label"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:variable name="differs" select="string(@differs-label)"/>
          <xsl:variable name="same" select="string(@same-label)"/>
          <xsl:variable name="theirs" select="string(@theirs-label)"/>
          <xsl:variable name="yours" select="string(@yours-label)"/>
          <xsl:for-each select="member">
            <tr id="conflict-{@name}">
              <xsl:attribute name="class">
                <xsl:value-of select="concat('conflict-member', substring(' conflict-differs', 1, 17 * boolean(@differs)))"/>
              </xsl:attribute>
              <th scope="row">
                <xsl:value-of select="@label"/>
                <span class="conflict-status">
                  <xsl:choose>
                    <xsl:when test="@differs"><xsl:value-of select="$differs"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$same"/></xsl:otherwise>
                  </xsl:choose>
                </span>
              </th>
              <!-- data-label: the column's name above each value on a phone -->
              <td class="conflict-theirs" data-label="{$theirs}"><xsl:apply-templates select="theirs/line"/></td>
              <td class="conflict-yours" data-label="{$yours}"><xsl:apply-templates select="yours/line"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="conflict/member/*/line">
    <span class="conflict-line"><xsl:value-of select="."/></span>
  </xsl:template>

</xsl:stylesheet>
