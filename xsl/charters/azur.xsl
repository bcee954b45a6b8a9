<?xml version="1.0" encoding="UTF-8"?>
<!-- azur.xsl — the "Azur" charter: light blue and airy, a white top bar with
     pill-shaped navigation, a large hero with call-to-action buttons, content
     in rounded cards on a grid. Blocks come from common/base.xsl. -->
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
      <body class="azur page-{$p}">
        <xsl:call-template name="pvi-skip-link"/>
        <header class="az-top">
          <div class="az-bar">
            <a class="az-brand" href="{$home-path}">
              <xsl:call-template name="pvi-logo">
                <xsl:with-param name="class" select="'az-logo'"/>
              </xsl:call-template>
              <span><xsl:value-of select="$name"/></span>
            </a>
            <xsl:call-template name="pvi-nav">
              <xsl:with-param name="class" select="'az-pills'"/>
            </xsl:call-template>
          </div>
        </header>
        <main id="contenu" class="az-main">
          <xsl:choose>
            <xsl:when test="$p = 'home'"><xsl:call-template name="az-home"/></xsl:when>
            <xsl:otherwise>
              <div class="az-hero az-hero-small">
                <h1><xsl:call-template name="pvi-h1-text"/></h1>
                <xsl:if test="$p != 'notfound'">
                  <p class="az-lead"><xsl:value-of select="$name"/></p>
                </xsl:if>
              </div>
              <div class="az-content">
                <xsl:choose>
                  <xsl:when test="$p = 'services'"><xsl:call-template name="az-services"/></xsl:when>
                  <xsl:when test="$p = 'photos'"><xsl:call-template name="az-photos"/></xsl:when>
                  <xsl:when test="$p = 'contact'"><xsl:call-template name="az-contact"/></xsl:when>
                  <xsl:otherwise>
                    <div class="az-card az-card-wide">
                      <xsl:call-template name="pvi-notfound-text"/>
                    </div>
                  </xsl:otherwise>
                </xsl:choose>
              </div>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <footer class="az-footer">
          <xsl:call-template name="pvi-footer-line"/>
          <xsl:call-template name="pvi-social">
            <xsl:with-param name="class" select="'az-social'"/>
          </xsl:call-template>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="az-home">
    <div class="az-hero">
      <xsl:if test="/s:site/s:business/s:activity">
        <p class="az-kicker">
          <xsl:value-of select="/s:site/s:business/s:activity"/>
          <xsl:if test="/s:site/s:contact/s:address/s:city">
            <xsl:text> · </xsl:text>
            <xsl:value-of select="/s:site/s:contact/s:address/s:city"/>
          </xsl:if>
        </p>
      </xsl:if>
      <h1><xsl:value-of select="$name"/></h1>
      <xsl:if test="/s:site/s:business/s:tagline">
        <p class="az-lead"><xsl:value-of select="/s:site/s:business/s:tagline"/></p>
      </xsl:if>
      <p class="az-actions">
        <xsl:call-template name="pvi-call">
          <xsl:with-param name="class" select="'az-button'"/>
        </xsl:call-template>
        <a class="az-button az-button-ghost"
           href="{concat($link-prefix, /s:site/s:pages/s:page[@key = 'contact']/@path)}">Horaires et accès</a>
      </p>
    </div>
    <div class="az-content">
      <div class="az-cards">
        <xsl:if test="/s:site/s:business/s:description">
          <section class="az-card az-card-wide" aria-labelledby="presentation">
            <h2 id="presentation">Qui sommes-nous ?</h2>
            <xsl:call-template name="pvi-description"/>
          </section>
        </xsl:if>
        <xsl:if test="/s:site/s:hours">
          <section class="az-card" aria-labelledby="horaires">
            <h2 id="horaires">Horaires</h2>
            <xsl:call-template name="pvi-hours-table">
              <xsl:with-param name="class" select="'az-hours'"/>
            </xsl:call-template>
            <xsl:call-template name="pvi-closures">
              <xsl:with-param name="class" select="'az-closures'"/>
            </xsl:call-template>
          </section>
        </xsl:if>
        <section class="az-card" aria-labelledby="coordonnees">
          <h2 id="coordonnees">Nous trouver</h2>
          <xsl:call-template name="pvi-phones">
            <xsl:with-param name="class" select="'az-phones'"/>
          </xsl:call-template>
          <xsl:call-template name="pvi-address">
            <xsl:with-param name="class" select="'az-address'"/>
          </xsl:call-template>
        </section>
      </div>
      <xsl:if test="/s:site/s:services/s:service">
        <section class="az-band" aria-labelledby="prestations">
          <h2 id="prestations">Nos prestations</h2>
          <xsl:call-template name="pvi-services">
            <xsl:with-param name="class" select="'az-cards az-service-cards'"/>
            <xsl:with-param name="item-class" select="'az-card service'"/>
            <xsl:with-param name="level" select="3"/>
            <xsl:with-param name="max" select="3"/>
          </xsl:call-template>
          <p class="az-more">
            <a class="az-button az-button-ghost"
               href="{concat($link-prefix, /s:site/s:pages/s:page[@key = 'services']/@path)}">Voir toutes les prestations</a>
          </p>
        </section>
      </xsl:if>
      <xsl:if test="/s:site/s:photos/s:photo">
        <section class="az-band" aria-labelledby="apercu">
          <h2 id="apercu">En images</h2>
          <xsl:call-template name="pvi-gallery">
            <xsl:with-param name="class" select="'az-gallery az-strip'"/>
            <xsl:with-param name="max" select="3"/>
          </xsl:call-template>
        </section>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="az-services">
    <xsl:call-template name="pvi-services">
      <xsl:with-param name="class" select="'az-cards az-service-cards'"/>
      <xsl:with-param name="item-class" select="'az-card service'"/>
      <xsl:with-param name="level" select="2"/>
    </xsl:call-template>
    <xsl:if test="/s:site/s:payment-methods">
      <div class="az-card az-card-wide">
        <xsl:call-template name="pvi-practical">
          <xsl:with-param name="class" select="'az-practical'"/>
        </xsl:call-template>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template name="az-photos">
    <xsl:call-template name="pvi-gallery">
      <xsl:with-param name="class" select="'az-gallery'"/>
    </xsl:call-template>
    <xsl:if test="/s:site/s:videos/s:video">
      <section class="az-band" aria-labelledby="videos">
        <h2 id="videos">Vidéos</h2>
        <xsl:call-template name="pvi-videos">
          <xsl:with-param name="class" select="'az-cards az-videos'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="az-contact">
    <div class="az-cards">
      <section class="az-card" aria-labelledby="coordonnees">
        <h2 id="coordonnees">Coordonnées</h2>
        <xsl:call-template name="pvi-phones">
          <xsl:with-param name="class" select="'az-phones'"/>
        </xsl:call-template>
        <xsl:call-template name="pvi-email"/>
        <xsl:call-template name="pvi-address">
          <xsl:with-param name="class" select="'az-address'"/>
        </xsl:call-template>
      </section>
      <xsl:if test="/s:site/s:hours or $closures-shown">
        <section class="az-card" aria-labelledby="horaires">
          <h2 id="horaires">Horaires</h2>
          <xsl:call-template name="pvi-hours-table">
            <xsl:with-param name="class" select="'az-hours'"/>
          </xsl:call-template>
          <xsl:if test="$closures-shown">
            <h3>Fermetures exceptionnelles</h3>
            <xsl:call-template name="pvi-closures">
              <xsl:with-param name="class" select="'az-closures'"/>
            </xsl:call-template>
          </xsl:if>
        </section>
      </xsl:if>
      <xsl:if test="/s:site/s:payment-methods or /s:site/s:languages">
        <section class="az-card" aria-labelledby="pratique">
          <h2 id="pratique">Bon à savoir</h2>
          <xsl:call-template name="pvi-practical">
            <xsl:with-param name="class" select="'az-practical'"/>
          </xsl:call-template>
        </section>
      </xsl:if>
    </div>
  </xsl:template>

</xsl:stylesheet>
