<?xml version="1.0" encoding="UTF-8"?>
<!-- terroir.xsl — the "Terroir" charter: ochre and brown on a warm paper
     background, serif type, a centred masthead, two columns: the page's
     content and a sidebar that always shows the phone, the address and the
     opening hours. Blocks come from common/base.xsl. -->
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
      <body class="terroir page-{$p}">
        <xsl:call-template name="pvi-skip-link"/>
        <header class="tr-masthead">
          <xsl:call-template name="pvi-logo">
            <xsl:with-param name="class" select="'tr-logo'"/>
          </xsl:call-template>
          <p class="tr-name"><a href="{$home-path}"><xsl:value-of select="$name"/></a></p>
          <xsl:if test="/s:site/s:business/s:activity">
            <p class="tr-activity">
              <xsl:value-of select="/s:site/s:business/s:activity"/>
              <xsl:if test="/s:site/s:contact/s:address/s:city">
                <xsl:text> à </xsl:text>
                <xsl:value-of select="/s:site/s:contact/s:address/s:city"/>
              </xsl:if>
            </p>
          </xsl:if>
          <xsl:call-template name="pvi-nav">
            <xsl:with-param name="class" select="'tr-nav'"/>
          </xsl:call-template>
        </header>
        <div class="tr-layout">
          <main id="contenu" class="tr-main">
            <h1><xsl:call-template name="pvi-h1-text"/></h1>
            <xsl:choose>
              <xsl:when test="$p = 'home'"><xsl:call-template name="tr-home"/></xsl:when>
              <xsl:when test="$p = 'services'"><xsl:call-template name="tr-services"/></xsl:when>
              <xsl:when test="$p = 'photos'"><xsl:call-template name="tr-photos"/></xsl:when>
              <xsl:when test="$p = 'contact'"><xsl:call-template name="tr-contact"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="pvi-notfound-text"/></xsl:otherwise>
            </xsl:choose>
          </main>
          <aside class="tr-sidebar" aria-label="En bref">
            <xsl:call-template name="tr-sidebar"/>
          </aside>
        </div>
        <footer class="tr-footer">
          <xsl:call-template name="pvi-footer-line"/>
          <xsl:call-template name="pvi-social">
            <xsl:with-param name="class" select="'tr-social'"/>
          </xsl:call-template>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- The sidebar: how to reach the business and the opening hours; on the
       contact page, which shows those in full, the practical information. -->
  <xsl:template name="tr-sidebar">
    <xsl:choose>
      <xsl:when test="$p != 'contact'">
        <section class="tr-box" aria-labelledby="sb-contact">
          <h2 id="sb-contact">Nous joindre</h2>
          <xsl:call-template name="pvi-phones">
            <xsl:with-param name="class" select="'tr-phones'"/>
          </xsl:call-template>
          <xsl:call-template name="pvi-address">
            <xsl:with-param name="class" select="'tr-address'"/>
          </xsl:call-template>
        </section>
        <xsl:if test="/s:site/s:hours">
          <section class="tr-box" aria-labelledby="sb-horaires">
            <h2 id="sb-horaires">Horaires</h2>
            <xsl:call-template name="pvi-hours-table">
              <xsl:with-param name="class" select="'tr-hours'"/>
            </xsl:call-template>
            <xsl:call-template name="pvi-closures">
              <xsl:with-param name="class" select="'tr-closures'"/>
            </xsl:call-template>
          </section>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="/s:site/s:payment-methods or /s:site/s:languages">
          <section class="tr-box" aria-labelledby="sb-pratique">
            <h2 id="sb-pratique">Informations pratiques</h2>
            <xsl:call-template name="pvi-practical">
              <xsl:with-param name="class" select="'tr-practical'"/>
            </xsl:call-template>
          </section>
        </xsl:if>
        <xsl:if test="/s:site/s:business/s:tagline">
          <p class="tr-box tr-motto"><xsl:value-of select="/s:site/s:business/s:tagline"/></p>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tr-home">
    <xsl:if test="/s:site/s:business/s:tagline">
      <p class="tr-tagline"><xsl:value-of select="/s:site/s:business/s:tagline"/></p>
    </xsl:if>
    <xsl:if test="/s:site/s:business/s:description">
      <div class="tr-prose">
        <xsl:call-template name="pvi-description"/>
      </div>
    </xsl:if>
    <xsl:if test="/s:site/s:photos/s:photo">
      <xsl:call-template name="pvi-gallery">
        <xsl:with-param name="class" select="'tr-gallery tr-feature'"/>
        <xsl:with-param name="max" select="1"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="/s:site/s:services/s:service">
      <section class="tr-section" aria-labelledby="prestations">
        <h2 id="prestations">Notre savoir-faire</h2>
        <xsl:call-template name="pvi-services">
          <xsl:with-param name="class" select="'tr-menu'"/>
          <xsl:with-param name="level" select="3"/>
          <xsl:with-param name="max" select="4"/>
        </xsl:call-template>
        <p class="tr-more">
          <a href="{concat($link-prefix, /s:site/s:pages/s:page[@key = 'services']/@path)}">Toutes nos prestations →</a>
        </p>
      </section>
    </xsl:if>
    <xsl:if test="/s:site/s:payment-methods or /s:site/s:languages">
      <section class="tr-section" aria-labelledby="pratique">
        <h2 id="pratique">Informations pratiques</h2>
        <xsl:call-template name="pvi-practical">
          <xsl:with-param name="class" select="'tr-practical'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tr-services">
    <xsl:call-template name="pvi-services">
      <xsl:with-param name="class" select="'tr-menu tr-menu-full'"/>
      <xsl:with-param name="level" select="2"/>
    </xsl:call-template>
    <xsl:if test="/s:site/s:payment-methods">
      <xsl:call-template name="pvi-practical">
        <xsl:with-param name="class" select="'tr-practical'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tr-photos">
    <xsl:call-template name="pvi-gallery">
      <xsl:with-param name="class" select="'tr-gallery'"/>
    </xsl:call-template>
    <xsl:if test="/s:site/s:videos/s:video">
      <section class="tr-section" aria-labelledby="videos">
        <h2 id="videos">Vidéos</h2>
        <xsl:call-template name="pvi-videos">
          <xsl:with-param name="class" select="'tr-videos'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tr-contact">
    <section class="tr-section" aria-labelledby="coordonnees">
      <h2 id="coordonnees">Coordonnées</h2>
      <xsl:call-template name="pvi-phones">
        <xsl:with-param name="class" select="'tr-phones'"/>
      </xsl:call-template>
      <xsl:call-template name="pvi-email"/>
      <xsl:call-template name="pvi-address">
        <xsl:with-param name="class" select="'tr-address'"/>
      </xsl:call-template>
    </section>
    <xsl:if test="/s:site/s:hours or $closures-shown">
      <section class="tr-section" aria-labelledby="horaires">
        <h2 id="horaires">Horaires d’ouverture</h2>
        <xsl:call-template name="pvi-hours-table">
          <xsl:with-param name="class" select="'tr-hours tr-hours-full'"/>
        </xsl:call-template>
        <xsl:if test="$closures-shown">
          <h3>Fermetures exceptionnelles</h3>
          <xsl:call-template name="pvi-closures">
            <xsl:with-param name="class" select="'tr-closures'"/>
          </xsl:call-template>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
