<?xml version="1.0" encoding="UTF-8"?>
<!-- classique.xsl — the "Classique" charter: a dark header band with the
     name and the navigation, one centred column, sans-serif type, sober
     sections separated by rules. Blocks come from common/base.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:s="urn:pvi:site:1"
                exclude-result-prefixes="s">

  <xsl:import href="common/base.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:call-template name="pvi-doctype"/>
    <html lang="fr">
      <head>
        <xsl:call-template name="pvi-head"/>
      </head>
      <body class="classique page-{$p}">
        <xsl:call-template name="pvi-skip-link"/>
        <header class="cl-band">
          <div class="cl-wrap cl-header">
            <div class="cl-id">
              <xsl:call-template name="pvi-logo">
                <xsl:with-param name="class" select="'cl-logo'"/>
              </xsl:call-template>
              <p class="cl-brand"><a href="{$home-path}"><xsl:value-of select="$name"/></a></p>
              <xsl:if test="/s:site/s:business/s:activity">
                <p class="cl-activity"><xsl:value-of select="/s:site/s:business/s:activity"/></p>
              </xsl:if>
            </div>
            <xsl:call-template name="pvi-nav">
              <xsl:with-param name="class" select="'cl-nav'"/>
            </xsl:call-template>
          </div>
        </header>
        <main id="contenu" class="cl-wrap cl-main">
          <h1><xsl:call-template name="pvi-h1-text"/></h1>
          <xsl:choose>
            <xsl:when test="$p = 'home'"><xsl:call-template name="cl-home"/></xsl:when>
            <xsl:when test="$p = 'services'"><xsl:call-template name="cl-services"/></xsl:when>
            <xsl:when test="$p = 'photos'"><xsl:call-template name="cl-photos"/></xsl:when>
            <xsl:when test="$p = 'contact'"><xsl:call-template name="cl-contact"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="pvi-notfound-text"/></xsl:otherwise>
          </xsl:choose>
        </main>
        <footer class="cl-band cl-footer">
          <div class="cl-wrap">
            <xsl:call-template name="pvi-footer-line"/>
            <xsl:call-template name="pvi-social">
              <xsl:with-param name="class" select="'cl-social'"/>
            </xsl:call-template>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="cl-home">
    <xsl:if test="/s:site/s:business/s:tagline">
      <p class="cl-tagline"><xsl:value-of select="/s:site/s:business/s:tagline"/></p>
    </xsl:if>
    <xsl:if test="/s:site/s:business/s:description">
      <section class="cl-section" aria-labelledby="presentation">
        <h2 id="presentation">Présentation</h2>
        <xsl:call-template name="pvi-description"/>
      </section>
    </xsl:if>
    <xsl:if test="/s:site/s:services/s:service">
      <section class="cl-section" aria-labelledby="prestations">
        <h2 id="prestations">Nos prestations</h2>
        <xsl:call-template name="pvi-services">
          <xsl:with-param name="class" select="'cl-services'"/>
          <xsl:with-param name="level" select="3"/>
          <xsl:with-param name="max" select="3"/>
        </xsl:call-template>
        <p class="cl-more">
          <a href="{concat($link-prefix, /s:site/s:pages/s:page[@key = 'services']/@path)}">Toutes nos prestations et tarifs</a>
        </p>
      </section>
    </xsl:if>
    <div class="cl-cols">
      <xsl:if test="/s:site/s:hours">
        <section class="cl-section" aria-labelledby="horaires">
          <h2 id="horaires">Horaires</h2>
          <xsl:call-template name="pvi-hours-table">
            <xsl:with-param name="class" select="'cl-hours'"/>
          </xsl:call-template>
          <xsl:call-template name="pvi-closures">
            <xsl:with-param name="class" select="'cl-closures'"/>
          </xsl:call-template>
        </section>
      </xsl:if>
      <section class="cl-section" aria-labelledby="coordonnees">
        <h2 id="coordonnees">Nous contacter</h2>
        <xsl:call-template name="pvi-phones">
          <xsl:with-param name="class" select="'cl-phones'"/>
        </xsl:call-template>
        <xsl:call-template name="pvi-address">
          <xsl:with-param name="class" select="'cl-address'"/>
        </xsl:call-template>
      </section>
    </div>
  </xsl:template>

  <xsl:template name="cl-services">
    <xsl:call-template name="pvi-services">
      <xsl:with-param name="class" select="'cl-services cl-services-full'"/>
      <xsl:with-param name="level" select="2"/>
    </xsl:call-template>
    <xsl:if test="/s:site/s:payment-methods">
      <section class="cl-section" aria-labelledby="paiement">
        <h2 id="paiement">Moyens de paiement acceptés</h2>
        <xsl:call-template name="pvi-practical">
          <xsl:with-param name="class" select="'cl-practical'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="cl-photos">
    <xsl:call-template name="pvi-gallery">
      <xsl:with-param name="class" select="'cl-gallery'"/>
    </xsl:call-template>
    <xsl:if test="/s:site/s:videos/s:video">
      <section class="cl-section" aria-labelledby="videos">
        <h2 id="videos">Vidéos</h2>
        <xsl:call-template name="pvi-videos">
          <xsl:with-param name="class" select="'cl-videos'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="cl-contact">
    <section class="cl-section" aria-labelledby="coordonnees">
      <h2 id="coordonnees">Coordonnées</h2>
      <xsl:call-template name="pvi-phones">
        <xsl:with-param name="class" select="'cl-phones'"/>
      </xsl:call-template>
      <xsl:call-template name="pvi-email"/>
      <xsl:call-template name="pvi-address">
        <xsl:with-param name="class" select="'cl-address'"/>
      </xsl:call-template>
    </section>
    <xsl:if test="/s:site/s:hours or $closures-shown">
      <section class="cl-section" aria-labelledby="horaires">
        <h2 id="horaires">Horaires</h2>
        <xsl:call-template name="pvi-hours-table">
          <xsl:with-param name="class" select="'cl-hours'"/>
        </xsl:call-template>
        <xsl:if test="$closures-shown">
          <h3>Fermetures exceptionnelles</h3>
          <xsl:call-template name="pvi-closures">
            <xsl:with-param name="class" select="'cl-closures'"/>
          </xsl:call-template>
        </xsl:if>
      </section>
    </xsl:if>
    <xsl:if test="/s:site/s:payment-methods or /s:site/s:languages">
      <section class="cl-section" aria-labelledby="pratique">
        <h2 id="pratique">Informations pratiques</h2>
        <xsl:call-template name="pvi-practical">
          <xsl:with-param name="class" select="'cl-practical'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
