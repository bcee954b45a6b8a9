<?xml version="1.0" encoding="UTF-8"?>
<!-- unavailable.xsl — the page a suspended site answers (HTTP 503): neutral
     look, in French, not indexed. Input: the site's document (its name is
     shown when present) or any document. Params: base, page and css are
     accepted and ignored: the look is neutral, with an inline style. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:s="urn:pvi:site:1"
                exclude-result-prefixes="s">

  <xsl:import href="base.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:call-template name="pvi-doctype"/>
    <html lang="fr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>
          <xsl:if test="$name != ''">
            <xsl:value-of select="$name"/>
            <xsl:text> – </xsl:text>
          </xsl:if>
          <xsl:text>Site temporairement indisponible</xsl:text>
        </title>
        <meta name="description" content="Ce site est temporairement indisponible. Merci de revenir plus tard."/>
        <xsl:call-template name="pvi-neutral-style"/>
      </head>
      <body class="neutral unavailable">
        <main id="contenu">
          <h1>Site temporairement indisponible</h1>
          <xsl:choose>
            <xsl:when test="$name != ''">
              <p>Le site de <strong><xsl:value-of select="$name"/></strong> est momentanément indisponible.</p>
            </xsl:when>
            <xsl:otherwise>
              <p>Ce site est momentanément indisponible.</p>
            </xsl:otherwise>
          </xsl:choose>
          <p>Merci de votre compréhension : revenez un peu plus tard.</p>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- Shared by unavailable.xsl and notfound.xsl: a small inline style, the
       same whatever the site's charter (the css parameter is ignored). -->
  <xsl:template name="pvi-neutral-style">
    <style>
      body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933;background:#f5f7fa;line-height:1.6}
      main{max-width:34rem;margin:12vh auto 0;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12);text-align:center}
      h1{font-size:1.6rem;margin:0 0 1rem}code{word-break:break-all}
    </style>
  </xsl:template>

</xsl:stylesheet>
