<?xml version="1.0" encoding="UTF-8"?>
<!-- blocks.xsl — the block components of main, of a section and of a form
     (docs/views.md, "Components of main"): headings, paragraphs and their
     inline content (link, strong, code), notices, facts, lists, sections,
     lists of links and one-button forms. Forms, tables and paging have
     files of their own. Included by office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="h1">
    <h1><xsl:apply-templates mode="inline"/></h1>
  </xsl:template>

  <xsl:template match="h2">
    <h2><xsl:apply-templates mode="inline"/></h2>
  </xsl:template>

  <xsl:template match="p">
    <p><xsl:apply-templates mode="inline"/></p>
  </xsl:template>

  <!-- A framed message (inset text). -->
  <xsl:template match="notice">
    <div class="notice notice-{@kind}">
      <xsl:copy-of select="@id"/>
      <p><xsl:apply-templates mode="inline"/></p>
    </div>
  </xsl:template>

  <!-- Label/value pairs; each pair in a div (allowed in a dl) so that the
       CSS can lay them out as rows. -->
  <xsl:template match="facts">
    <dl class="facts">
      <xsl:copy-of select="@id"/>
      <xsl:for-each select="fact">
        <div class="fact">
          <dt><xsl:value-of select="@label"/></dt>
          <dd>
            <xsl:if test="@lines"><xsl:attribute name="class">lines</xsl:attribute></xsl:if>
            <xsl:apply-templates mode="inline"/>
          </dd>
        </div>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template match="list">
    <ul class="list">
      <xsl:copy-of select="@id"/>
      <xsl:for-each select="item">
        <li><xsl:apply-templates mode="inline"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A titled group: its heading is an h2, an h3 in a section, and so on. -->
  <xsl:template match="section">
    <section class="section">
      <xsl:copy-of select="@id"/>
      <xsl:element name="{concat('h', 2 + count(ancestor::section))}">
        <xsl:value-of select="@heading"/>
      </xsl:element>
      <xsl:apply-templates select="*"/>
    </section>
  </xsl:template>

  <xsl:template match="links">
    <ul class="links">
      <xsl:for-each select="link">
        <li><xsl:apply-templates select="." mode="inline"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A form with one button and no field (a workflow action). -->
  <xsl:template match="button-form">
    <form class="button-form" method="post" action="{@action}">
      <xsl:copy-of select="@id"/>
      <input type="hidden" name="csrf" value="{@csrf}"/>
      <button type="submit" class="button button-{concat(@kind, substring('secondary', 1, 9 * not(@kind)))}">
        <xsl:copy-of select="@name | @value"/>
        <xsl:value-of select="."/>
      </button>
    </form>
  </xsl:template>

  <!-- ===== Inline content of a paragraph, a heading, an item, a fact ===== -->

  <xsl:template match="link" mode="inline">
    <a href="{@href}">
      <xsl:copy-of select="@id"/>
      <xsl:if test="@current">
        <xsl:attribute name="aria-current"><xsl:value-of select="@current"/></xsl:attribute>
      </xsl:if>
      <xsl:value-of select="."/>
    </a>
  </xsl:template>

  <xsl:template match="strong" mode="inline">
    <strong><xsl:apply-templates mode="inline"/></strong>
  </xsl:template>

  <xsl:template match="code" mode="inline">
    <code><xsl:copy-of select="@id"/><xsl:value-of select="."/></code>
  </xsl:template>

  <!-- text() is copied by the built-in rule; an unknown element gives its text. -->

</xsl:stylesheet>
