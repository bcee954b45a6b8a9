<?xml version="1.0" encoding="UTF-8"?>
<!-- base.xsl — what every charter shares: the parameters, the page model
     (which page, its title, its h1), the <head> (title, description,
     canonical link, CSS, schema.org JSON-LD) and the content blocks (nav,
     hours table, closures, address with map link, phones, services, gallery…).
     A charter imports this module and lays the blocks out in its own way; it
     may override any template (import precedence).

     Input: the site document (namespace urn:pvi:site:1, docs/export-format.md).
     No call of the document function, no extension element: the renderer forbids file and
     network access while transforming. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:s="urn:pvi:site:1"
                exclude-result-prefixes="s">

  <!-- No xsl:strip-space: the exporter writes no whitespace between
       elements, and stripping costs a walk over the whole document. -->

  <!-- ===== Parameters (set by internet-fo) ===== -->

  <!-- home | services | photos | contact | notfound -->
  <xsl:param name="page" select="'home'"/>
  <!-- absolute base URL of the request, without trailing slash:
       "https://www.plomberie-martin.fr", "http://demo.pvi.localhost:8080" -->
  <xsl:param name="base" select="''"/>
  <!-- href of the charter's CSS, e.g. "/_charte/classique.3fa9c1d2.css" -->
  <xsl:param name="css" select="''"/>
  <!-- optional: today's date (YYYY-MM-DD); closures that ended before are not shown -->
  <xsl:param name="today" select="''"/>
  <!-- Set by the back office's preview only (internet-fo leaves them empty):
       the text of a banner saying the page is a preview, and what goes before
       the site's own links so that they stay in the preview. -->
  <xsl:param name="preview" select="''"/>
  <xsl:param name="link-prefix" select="''"/>

  <!-- ===== The page model ===== -->

  <!-- Paths start at /s:site rather than at a variable: libxslt copies a
       variable's node-set at every reference. $site stays for charters that
       prefer it. -->
  <xsl:variable name="site" select="/s:site"/>
  <xsl:variable name="name" select="string(/s:site/s:business/s:name)"/>
  <!-- Every page-model value is a string or a node-set computed once by a
       select expression: result-tree fragments would be rebuilt into
       strings at each use, and they are most of a transformation's cost. -->
  <!-- $base without its trailing slash -->
  <xsl:variable name="b"
                select="substring($base, 1, string-length($base)
                        - number(substring($base, string-length($base)) = '/'))"/>
  <!-- the page actually rendered: a page the site does not have is a 404 -->
  <xsl:variable name="current" select="/s:site/s:pages/s:page[@key = $page]"/>
  <xsl:variable name="p"
                select="concat($current/@key, substring('notfound', 1, 8 * number(not($current))))"/>
  <xsl:variable name="home" select="/s:site/s:pages/s:page[@key = 'home']"/>
  <xsl:variable name="home-path"
                select="concat($link-prefix, $home/@path, substring('/', 1, number(not($home))))"/>
  <xsl:variable name="tel" select="/s:site/s:contact/s:phone[@href][1]"/>
  <xsl:variable name="closures-shown"
                select="/s:site/s:closures/s:closure[$today = ''
                        or number(translate(@to, '-', '')) &gt;= number(translate($today, '-', ''))]"/>

  <!-- The text of the page's <h1>. -->
  <xsl:template name="pvi-h1-text">
    <xsl:choose>
      <xsl:when test="$p = 'home'"><xsl:value-of select="$name"/></xsl:when>
      <xsl:when test="$p = 'services'">Prestations et tarifs</xsl:when>
      <xsl:when test="$p = 'photos'"><xsl:value-of select="$current/@label"/></xsl:when>
      <xsl:when test="$p = 'contact'">Contact et accès</xsl:when>
      <xsl:otherwise>Page introuvable</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text of the page's <title>. -->
  <xsl:template name="pvi-title-text">
    <xsl:choose>
      <xsl:when test="$p = 'home'"><xsl:value-of select="/s:site/s:seo/s:title"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="pvi-h1-text"/>
        <xsl:text> – </xsl:text>
        <xsl:value-of select="$name"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== <head> ===== -->

  <!-- Everything a page's <head> holds; a charter adds nothing or a few extras. -->
  <xsl:template name="pvi-head">
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <title>
      <xsl:if test="$preview != ''">
        <xsl:value-of select="$preview"/>
        <xsl:text> – </xsl:text>
      </xsl:if>
      <xsl:call-template name="pvi-title-text"/>
    </title>
    <meta name="description" content="{/s:site/s:seo/s:description}"/>
    <xsl:choose>
      <xsl:when test="$p = 'notfound'">
        <meta name="robots" content="noindex"/>
      </xsl:when>
      <xsl:otherwise>
        <link rel="canonical" href="{concat($b, $current/@path)}"/>
      </xsl:otherwise>
    </xsl:choose>
    <meta property="og:type" content="website"/>
    <meta property="og:title" content="{$name}"/>
    <meta property="og:description" content="{/s:site/s:seo/s:description}"/>
    <xsl:if test="$p != 'notfound'">
      <meta property="og:url" content="{concat($b, $current/@path)}"/>
    </xsl:if>
    <xsl:if test="/s:site/s:photos/s:photo">
      <meta property="og:image" content="{concat($b, /s:site/s:photos/s:photo[1]/@src)}"/>
    </xsl:if>
    <xsl:if test="$css != ''">
      <link rel="stylesheet" href="{$css}"/>
    </xsl:if>
    <xsl:call-template name="pvi-jsonld"/>
  </xsl:template>

  <!-- The schema.org LocalBusiness block. The exporter wrote the JSON object
       (s:seo/s:json-ld, with '<', '>' and '&' already written as \u escapes);
       the members that depend on the request's base URL are spliced in
       after its opening brace. The base URL comes from internet-fo, made of
       [a-z0-9.:/-] only; the characters that could end a JSON string or the
       script are removed all the same. -->
  <xsl:template name="pvi-jsonld">
    <xsl:variable name="eb" select="translate($b, '&quot;\&lt;&gt;&amp;&#9;&#10;&#13;', '')"/>
    <script type="application/ld+json">
      <xsl:text>{"@id":"</xsl:text>
      <xsl:value-of select="$eb"/>
      <xsl:text>/#entreprise","url":"</xsl:text>
      <xsl:value-of select="$eb"/>
      <xsl:text>/"</xsl:text>
      <xsl:if test="/s:site/s:business/s:logo">
        <xsl:text>,"logo":"</xsl:text>
        <xsl:value-of select="concat($eb, /s:site/s:business/s:logo/@src)"/>
        <xsl:text>"</xsl:text>
      </xsl:if>
      <xsl:if test="/s:site/s:photos/s:photo">
        <xsl:text>,"image":[</xsl:text>
        <xsl:for-each select="/s:site/s:photos/s:photo">
          <xsl:if test="position() &gt; 1">,</xsl:if>
          <xsl:text>"</xsl:text>
          <xsl:value-of select="concat($eb, @src)"/>
          <xsl:text>"</xsl:text>
        </xsl:for-each>
        <xsl:text>]</xsl:text>
      </xsl:if>
      <xsl:text>,</xsl:text>
      <xsl:value-of select="substring-after(/s:site/s:seo/s:json-ld, '{')"/>
    </script>
  </xsl:template>

  <!-- ===== Navigation ===== -->

  <!-- The first things of <body>: the skip link, and in a preview the banner
       that says so. -->
  <xsl:template name="pvi-skip-link">
    <a class="skip" href="#contenu">Aller au contenu</a>
    <xsl:if test="$preview != ''">
      <p class="pvi-preview" role="note"><xsl:value-of select="$preview"/></p>
    </xsl:if>
  </xsl:template>

  <!-- The site's pages; the current one carries aria-current="page". -->
  <xsl:template name="pvi-nav">
    <xsl:param name="class" select="'nav'"/>
    <nav class="{$class}" aria-label="Navigation principale">
      <ul>
        <xsl:for-each select="/s:site/s:pages/s:page">
          <li>
            <a href="{concat($link-prefix, @path)}">
              <xsl:if test="@key = $p">
                <xsl:attribute name="aria-current">page</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="@label"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="pvi-logo">
    <xsl:param name="class" select="'logo'"/>
    <xsl:if test="/s:site/s:business/s:logo">
      <img class="{$class}" src="{/s:site/s:business/s:logo/@src}" alt="Logo de {$name}"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== Text ===== -->

  <xsl:template match="s:p" mode="pvi-text">
    <p><xsl:apply-templates mode="pvi-text"/></p>
  </xsl:template>
  <xsl:template match="s:br" mode="pvi-text">
    <br/>
  </xsl:template>
  <xsl:template match="text()" mode="pvi-text">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template name="pvi-description">
    <xsl:apply-templates select="/s:site/s:business/s:description/s:p" mode="pvi-text"/>
  </xsl:template>

  <!-- ===== Contact ===== -->

  <!-- Phone numbers: a tel: link each (the fax as plain text). -->
  <xsl:template name="pvi-phones">
    <xsl:param name="class" select="'phones'"/>
    <xsl:if test="/s:site/s:contact/s:phone">
      <ul class="{$class}">
        <xsl:for-each select="/s:site/s:contact/s:phone">
          <li class="phone-{@kind}">
            <span class="label"><xsl:value-of select="@label"/> : </span>
            <xsl:choose>
              <xsl:when test="@href">
                <a href="{@href}"><xsl:value-of select="@display"/></a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="@display"/></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pvi-email">
    <xsl:if test="/s:site/s:contact/s:email">
      <p class="email">
        <span class="label">E-mail : </span>
        <a href="{/s:site/s:contact/s:email/@href}"><xsl:value-of select="/s:site/s:contact/s:email"/></a>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The postal address and a link to the map. -->
  <xsl:template name="pvi-address">
    <xsl:param name="class" select="'address'"/>
    <xsl:param name="with-map" select="true()"/>
    <xsl:variable name="a" select="/s:site/s:contact/s:address"/>
    <xsl:if test="$a">
      <address class="{$class}">
        <xsl:if test="$a/s:street">
          <xsl:value-of select="$a/s:street"/>
          <br/>
        </xsl:if>
        <xsl:value-of select="normalize-space(concat($a/s:postal-code, ' ', $a/s:city))"/>
      </address>
      <xsl:if test="$with-map">
        <p class="map">
          <a href="{$a/s:map/@href}"><xsl:value-of select="$a/s:map/@label"/></a>
        </p>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The call-to-action phone link ("Appeler le 02 99 12 34 56"). -->
  <xsl:template name="pvi-call">
    <xsl:param name="class" select="'call'"/>
    <xsl:if test="$tel">
      <a class="{$class}" href="{$tel/@href}">Appeler le <xsl:value-of select="$tel/@display"/></a>
    </xsl:if>
  </xsl:template>

  <!-- ===== Hours ===== -->

  <xsl:template name="pvi-hours-table">
    <xsl:param name="class" select="'hours'"/>
    <xsl:param name="caption" select="'Horaires d’ouverture'"/>
    <xsl:if test="/s:site/s:hours">
      <table class="{$class}">
        <caption><xsl:value-of select="$caption"/></caption>
        <thead>
          <tr><th scope="col">Jour</th><th scope="col">Horaires</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="/s:site/s:hours/s:day">
            <tr>
              <xsl:if test="@closed = 'true'">
                <xsl:attribute name="class">closed</xsl:attribute>
              </xsl:if>
              <th scope="row"><xsl:value-of select="@name"/></th>
              <td><xsl:value-of select="@summary"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pvi-closures">
    <xsl:param name="class" select="'closures'"/>
    <xsl:if test="$closures-shown">
      <ul class="{$class}">
        <xsl:for-each select="$closures-shown">
          <li>
            <xsl:value-of select="@label"/>
            <xsl:if test="s:reason">
              <xsl:text> : </xsl:text>
              <xsl:value-of select="s:reason"/>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- ===== Services ===== -->

  <!-- The services, each with its title as a heading of level $level. -->
  <xsl:template name="pvi-services">
    <xsl:param name="class" select="'services'"/>
    <xsl:param name="item-class" select="'service'"/>
    <xsl:param name="level" select="2"/>
    <xsl:param name="max" select="0"/>
    <xsl:if test="/s:site/s:services/s:service">
      <ul class="{$class}">
        <xsl:for-each select="/s:site/s:services/s:service[$max = 0 or position() &lt;= $max]">
          <li class="{$item-class}">
            <xsl:element name="h{$level}">
              <xsl:value-of select="s:title"/>
            </xsl:element>
            <xsl:if test="s:price">
              <p class="price" data-cents="{s:price/@cents}"><xsl:value-of select="s:price"/></p>
            </xsl:if>
            <xsl:apply-templates select="s:description/s:p" mode="pvi-text"/>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- ===== Photos and videos ===== -->

  <xsl:template name="pvi-gallery">
    <xsl:param name="class" select="'gallery'"/>
    <xsl:param name="max" select="0"/>
    <xsl:if test="/s:site/s:photos/s:photo">
      <ul class="{$class}">
        <xsl:for-each select="/s:site/s:photos/s:photo[$max = 0 or position() &lt;= $max]">
          <li>
            <figure>
              <img src="{@src}" alt="{s:alt}" loading="lazy" decoding="async"/>
              <xsl:if test="s:caption">
                <figcaption><xsl:value-of select="s:caption"/></figcaption>
              </xsl:if>
            </figure>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pvi-videos">
    <xsl:param name="class" select="'videos'"/>
    <xsl:if test="/s:site/s:videos/s:video">
      <ul class="{$class}">
        <xsl:for-each select="/s:site/s:videos/s:video">
          <li>
            <figure>
              <video src="{@src}" controls="controls" preload="metadata">
                <xsl:if test="s:title">
                  <xsl:attribute name="aria-label"><xsl:value-of select="s:title"/></xsl:attribute>
                </xsl:if>
                <a href="{@src}">Télécharger la vidéo</a>
              </video>
              <xsl:if test="s:title">
                <figcaption><xsl:value-of select="s:title"/></figcaption>
              </xsl:if>
            </figure>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- ===== Practical information ===== -->

  <!-- A <dl> of payment methods and spoken languages, if any. -->
  <xsl:template name="pvi-practical">
    <xsl:param name="class" select="'practical'"/>
    <xsl:if test="/s:site/s:payment-methods or /s:site/s:languages">
      <dl class="{$class}">
        <xsl:if test="/s:site/s:payment-methods">
          <dt>Moyens de paiement</dt>
          <dd>
            <xsl:for-each select="/s:site/s:payment-methods/s:payment-method">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="."/>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:if test="/s:site/s:languages">
          <dt>Langues parlées</dt>
          <dd>
            <xsl:for-each select="/s:site/s:languages/s:language">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="."/>
            </xsl:for-each>
          </dd>
        </xsl:if>
      </dl>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pvi-social">
    <xsl:param name="class" select="'social'"/>
    <xsl:if test="/s:site/s:social-links">
      <ul class="{$class}">
        <xsl:for-each select="/s:site/s:social-links/s:social-link">
          <li class="net-{@network}">
            <a href="{@href}" rel="me noopener"><xsl:value-of select="@name"/></a>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- ===== The 404 page's text ===== -->

  <xsl:template name="pvi-notfound-text">
    <p>La page que vous cherchez n’existe pas ou n’existe plus sur le site de
      <xsl:value-of select="$name"/>.</p>
    <p><a href="{$home-path}">Retour à l’accueil</a></p>
    <xsl:if test="/s:site/s:pages/s:page[@key != 'home']">
      <p>Vous pouvez aussi consulter :</p>
      <ul>
        <xsl:for-each select="/s:site/s:pages/s:page[@key != 'home']">
          <li><a href="{concat($link-prefix, @path)}"><xsl:value-of select="@label"/></a></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Footer line: name, address, phone. -->
  <xsl:template name="pvi-footer-line">
    <p class="footer-id">
      <strong><xsl:value-of select="$name"/></strong>
      <xsl:if test="/s:site/s:contact/s:address">
        <xsl:text> · </xsl:text>
        <xsl:value-of select="/s:site/s:contact/s:address/s:line"/>
      </xsl:if>
      <xsl:if test="$tel">
        <xsl:text> · </xsl:text>
        <a href="{$tel/@href}"><xsl:value-of select="$tel/@display"/></a>
      </xsl:if>
    </p>
  </xsl:template>

  <xsl:template name="pvi-doctype">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
