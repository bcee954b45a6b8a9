<?xml version="1.0" encoding="UTF-8"?>
<!-- sitemap.xsl — sitemap.xml of a site (sitemaps.org 0.9): one <url> per page
     the site has (s:pages), absolute with the request's base URL, with the
     publication date as lastmod. Params: base (see base.xsl). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:s="urn:pvi:site:1"
                xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                exclude-result-prefixes="s">

  <xsl:import href="base.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <urlset>
      <xsl:for-each select="$site/s:pages/s:page">
        <url>
          <loc><xsl:value-of select="concat($b, @path)"/></loc>
          <xsl:if test="string-length($site/@published-at) &gt;= 10">
            <lastmod><xsl:value-of select="substring($site/@published-at, 1, 10)"/></lastmod>
          </xsl:if>
          <priority>
            <xsl:choose>
              <xsl:when test="@key = 'home'">1.0</xsl:when>
              <xsl:otherwise>0.8</xsl:otherwise>
            </xsl:choose>
          </priority>
        </url>
      </xsl:for-each>
    </urlset>
  </xsl:template>

</xsl:stylesheet>
