<?xml version="1.0" encoding="UTF-8"?>
<!-- notfound.xsl — the 404 page for a host that no site answers: neutral look,
     in French, not indexed. Input: any document (e.g. an empty <none/>).
     Params: host (the Host asked for, shown escaped). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="unavailable.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="host" select="''"/>

  <xsl:template match="/">
    <xsl:call-template name="pvi-doctype"/>
    <html lang="fr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>Site introuvable</title>
        <meta name="description" content="Aucun site n’est publié à cette adresse."/>
        <xsl:call-template name="pvi-neutral-style"/>
      </head>
      <body class="neutral notfound">
        <main id="contenu">
          <h1>Site introuvable</h1>
          <xsl:choose>
            <xsl:when test="$host != ''">
              <p>Aucun site n’est publié à l’adresse <code><xsl:value-of select="$host"/></code>.</p>
            </xsl:when>
            <xsl:otherwise>
              <p>Aucun site n’est publié à cette adresse.</p>
            </xsl:otherwise>
          </xsl:choose>
          <p>Vérifiez l’adresse saisie, ou recherchez l’entreprise dans un annuaire.</p>
        </main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
