<?xml version="1.0" encoding="UTF-8"?>
<!-- forms.xsl — forms (docs/views.md, "Forms"): the form element and its
     csrf input, the error summary built from errors/error and from every
     field's error attribute, the actions, fieldsets and hidden fields. The
     fields themselves are in fields.xsl and hours.xsl. Included by
     office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="form">
    <form class="form" method="{@method}" action="{@action}">
      <xsl:copy-of select="@id"/>
      <xsl:if test="@method = 'post'">
        <input type="hidden" name="csrf" value="{@csrf}"/>
      </xsl:if>
      <!-- Pressing Enter in a field submits with the form's first submit
           button: with repeated rows that would be a "remove" button, so a
           hidden copy of the primary button comes first. -->
      <xsl:if test=".//repeat">
        <xsl:choose>
          <xsl:when test="actions/submit[@kind = 'primary' or not(@kind)]">
            <xsl:apply-templates select="(actions/submit[@kind = 'primary' or not(@kind)])[1]"
                                 mode="default-submit"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="(actions/submit)[1]" mode="default-submit"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:if test="errors/error or .//@error">
        <xsl:call-template name="error-summary"/>
      </xsl:if>
      <xsl:apply-templates select="*"/>
    </form>
  </xsl:template>

  <!-- Form-level problems are shown in the summary only. -->
  <xsl:template match="form/errors"/>

  <!-- ===== Error summary ===== -->

  <!-- At the top of the form: the form-level problems, then a link to each
       faulty field in document order. The first summary of the page takes
       the focus when the page loads (autofocus: no script needed). -->
  <xsl:template name="error-summary">
    <xsl:variable name="id" select="concat('errors-', generate-id())"/>
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="{$id}">
      <xsl:if test="not(preceding::form[errors/error or .//@error])">
        <xsl:attribute name="autofocus">autofocus</xsl:attribute>
      </xsl:if>
      <h2 class="error-summary-title" id="{$id}"><xsl:value-of select="$l-errors"/></h2>
      <ul class="error-summary-list">
        <xsl:for-each select="errors/error">
          <li><xsl:value-of select="."/></li>
        </xsl:for-each>
        <xsl:for-each select=".//*[@error]">
          <li>
            <a>
              <xsl:attribute name="href">
                <xsl:text>#</xsl:text>
                <xsl:apply-templates select="." mode="target"/>
              </xsl:attribute>
              <xsl:value-of select="@error"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- The id a summary link points at: the field's input, or for a group
       the first input of the group. -->
  <xsl:template match="*" mode="target">
    <xsl:value-of select="concat('f-', @name)"/>
  </xsl:template>

  <xsl:template match="hours" mode="target">
    <xsl:value-of select="concat('f-', @name, '.', day[slot][1]/@code, '.0.open')"/>
  </xsl:template>

  <xsl:template match="hours/day/slot" mode="target">
    <xsl:value-of select="concat('f-', ../../@name, '.', ../@code, '.',
                          count(preceding-sibling::slot), '.open')"/>
  </xsl:template>

  <!-- A repeat: the first field of its first row; with no row, its add button. -->
  <xsl:template match="repeat" mode="target">
    <xsl:variable name="first"
                  select="row[1]/*[self::text or self::textarea or self::select or self::checkbox
                          or self::checkboxes or self::radios or self::hours][1]"/>
    <xsl:choose>
      <xsl:when test="$first"><xsl:apply-templates select="$first" mode="target"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('f-', @name, '-add')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Actions ===== -->

  <xsl:template match="actions">
    <div class="actions">
      <xsl:apply-templates select="*" mode="action"/>
    </div>
  </xsl:template>

  <!-- One primary button per form: the first submit whose kind is primary
       (or unset); any other is secondary, unless it is a warning. -->
  <xsl:template match="submit" mode="action">
    <button type="submit">
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@kind = 'warning'">button button-warning</xsl:when>
          <xsl:when test="(@kind = 'primary' or not(@kind))
                          and not(preceding-sibling::submit[@kind = 'primary' or not(@kind)])">button button-primary</xsl:when>
          <xsl:otherwise>button button-secondary</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:copy-of select="@name | @value"/>
      <xsl:value-of select="."/>
    </button>
  </xsl:template>

  <xsl:template match="link" mode="action">
    <a class="action-link" href="{@href}"><xsl:copy-of select="@id"/><xsl:value-of select="."/></a>
  </xsl:template>

  <!-- The invisible first button (see form): same name and value as the
       primary one, out of the tab order and of the accessibility tree. -->
  <xsl:template match="submit" mode="default-submit">
    <button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">
      <xsl:copy-of select="@name | @value"/>
      <xsl:value-of select="."/>
    </button>
  </xsl:template>

  <!-- ===== Groups and hidden fields ===== -->

  <xsl:template match="fieldset">
    <fieldset class="fieldset">
      <legend class="legend"><xsl:value-of select="@legend"/></legend>
      <xsl:apply-templates select="*"/>
    </fieldset>
  </xsl:template>

  <xsl:template match="hidden">
    <input type="hidden" name="{@name}" value="{@value}"/>
  </xsl:template>

</xsl:stylesheet>
