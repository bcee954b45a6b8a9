<?xml version="1.0" encoding="UTF-8"?>
<!-- layout.xsl — the frame of every office page around main: the header
     (the office's name and home link, the signed-in user, the main
     navigation, the logout button, the language switch) and the flash
     messages shown above main. Included by office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="header">
    <header class="header">
      <div class="header-bar">
        <div class="wrap header-inner">
          <p class="header-office"><a href="{office/@href}"><xsl:value-of select="office"/></a></p>
          <xsl:if test="user or logout or language">
            <div class="header-tools">
              <xsl:apply-templates select="user"/>
              <xsl:apply-templates select="language"/>
              <xsl:apply-templates select="logout"/>
            </div>
          </xsl:if>
        </div>
      </div>
      <xsl:apply-templates select="nav"/>
    </header>
  </xsl:template>

  <!-- "Connecté : admin@pvi.localhost · Administrateur" -->
  <xsl:template match="header/user">
    <p class="header-user">
      <span class="header-user-label"><xsl:value-of select="$l-user"/></span>
      <xsl:text> </xsl:text>
      <span class="header-user-name"><xsl:value-of select="."/></span>
      <xsl:if test="@role">
        <xsl:text> </xsl:text>
        <span class="header-user-role"><xsl:value-of select="@role"/></span>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- The main navigation. Without JavaScript: on a phone, a disclosure
       (details/summary) labelled by the "menu" word; on a wide screen the
       CSS shows the list itself and hides the summary. -->
  <xsl:template match="header/nav">
    <nav class="nav" aria-label="{@label}">
      <div class="wrap">
        <details class="nav-menu">
          <summary class="nav-toggle"><xsl:value-of select="$l-menu"/></summary>
          <ul class="nav-list">
            <xsl:for-each select="link">
              <li>
                <a href="{@href}">
                  <xsl:if test="@current">
                    <xsl:attribute name="aria-current"><xsl:value-of select="@current"/></xsl:attribute>
                  </xsl:if>
                  <xsl:value-of select="."/>
                </a>
              </li>
            </xsl:for-each>
          </ul>
        </details>
      </div>
    </nav>
  </xsl:template>

  <xsl:template match="header/logout">
    <form class="header-form logout" method="post" action="{@action}">
      <input type="hidden" name="csrf" value="{@csrf}"/>
      <button type="submit" class="button button-header"><xsl:value-of select="."/></button>
    </form>
  </xsl:template>

  <!-- The language switch: a select named "lang" and its submit button.
       Each language's name is marked with its own language. -->
  <xsl:template match="header/language">
    <form class="header-form language" method="post" action="{@action}">
      <input type="hidden" name="csrf" value="{@csrf}"/>
      <label class="language-label" for="language-choice"><xsl:value-of select="@label"/></label>
      <select id="language-choice" name="lang" class="language-select">
        <xsl:for-each select="option">
          <option value="{@value}" lang="{@value}">
            <xsl:copy-of select="@selected"/>
            <xsl:value-of select="."/>
          </option>
        </xsl:for-each>
      </select>
      <button type="submit" class="button button-header"><xsl:value-of select="@submit"/></button>
    </form>
  </xsl:template>

  <!-- A message that survived a redirect; errors interrupt (alert), the
       others wait for the screen reader to be idle (status). -->
  <xsl:template match="flash">
    <div class="flash flash-{@kind}">
      <xsl:attribute name="role">
        <xsl:choose>
          <xsl:when test="@kind = 'error'">alert</xsl:when>
          <xsl:otherwise>status</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <p><xsl:value-of select="."/></p>
    </div>
  </xsl:template>

</xsl:stylesheet>
