<?xml version="1.0" encoding="UTF-8"?>
<!-- office.xsl — the one stylesheet of the three offices (backoffice,
     operator-fo, client-fo): turns an office view (docs/views.md) into an
     HTML5 page. This file holds the output settings, the fixed words of the
     page (labels) and the page itself; the parts are in the included files:
       layout.xsl  the header (office, user, navigation, logout, language)
                   and the flash messages
       blocks.xsl  the block components of main (headings, paragraphs,
                   notices, facts, lists, sections, links, button-forms)
       forms.xsl   forms: error summary, actions, fieldsets, hidden fields
       fields.xsl  the fields: text, textarea, select, checkboxes, radios,
                   single checkbox, repeated rows
       hours.xsl   the weekly hours grid
       tables.xsl  tables and paging
       conflict.xsl  the two versions of a content side by side
       charts.xsl  figures: tiles, and charts drawn in SVG

     Text in a view is final (already translated): this stylesheet never
     chooses words, it places them. No document function, no extension, no script,
     no style attribute: the offices send a strict Content-Security-Policy.

     Written for libxslt's costs like the charters (ARCHITECTURE.md): values
     used more than once are strings computed by select, paths start at
     /page or at the current node, no "//" scan of the whole view, no
     xsl:strip-space (the views have no whitespace between elements). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="forms.xsl"/>
  <xsl:include href="fields.xsl"/>
  <xsl:include href="hours.xsl"/>
  <xsl:include href="tables.xsl"/>
  <xsl:include href="conflict.xsl"/>
  <xsl:include href="charts.xsl"/>
  <xsl:include href="diff.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- ===== The fixed words, by key (page/labels/l/@k) ===== -->

  <!-- A key, not a path per word: libxslt indexes the labels once, where
       /page/labels/l[@k = '…'] would compare every label for each word. -->
  <xsl:key name="label" match="/page/labels/l" use="@k"/>

  <xsl:variable name="l-skip" select="string(key('label', 'skip'))"/>
  <xsl:variable name="l-errors" select="string(key('label', 'errors'))"/>
  <xsl:variable name="l-error" select="string(key('label', 'error'))"/>
  <xsl:variable name="l-optional" select="string(key('label', 'optional'))"/>
  <xsl:variable name="l-sort-asc" select="string(key('label', 'sort-asc'))"/>
  <xsl:variable name="l-sort-desc" select="string(key('label', 'sort-desc'))"/>
  <xsl:variable name="l-paging" select="string(key('label', 'paging'))"/>
  <xsl:variable name="l-previous" select="string(key('label', 'previous'))"/>
  <xsl:variable name="l-next" select="string(key('label', 'next'))"/>
  <xsl:variable name="l-user" select="string(key('label', 'user'))"/>
  <xsl:variable name="l-menu" select="string(key('label', 'menu'))"/>

  <!-- ===== The page ===== -->

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="{/page/@lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="concat(/page/head/title, ' — ', /page/header/office)"/></title>
        <xsl:for-each select="/page/head/refresh">
          <meta http-equiv="refresh" content="{@seconds}"/>
        </xsl:for-each>
        <xsl:for-each select="/page/head/stylesheet">
          <link rel="stylesheet" href="{@href}"/>
        </xsl:for-each>
      </head>
      <body class="{/page/@office}">
        <a class="skip-link" href="#contenu"><xsl:value-of select="$l-skip"/></a>
        <xsl:apply-templates select="/page/header"/>
        <xsl:if test="/page/flash">
          <div class="wrap flashes">
            <xsl:apply-templates select="/page/flash"/>
          </div>
        </xsl:if>
        <main id="contenu" class="wrap main" tabindex="-1">
          <xsl:apply-templates select="/page/main/*"/>
        </main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
