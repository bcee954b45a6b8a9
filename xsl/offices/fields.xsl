<?xml version="1.0" encoding="UTF-8"?>
<!-- fields.xsl — the fields of a form (docs/views.md, "Fields"): text
     inputs, textareas, selects, groups of checkboxes or radios, the single
     checkbox and the repeated rows, with what they share: the id f-<name>,
     the label (or legend), the "optional" word, the hint and the error tied
     to the input by aria-describedby, aria-invalid, and the value written
     back. The hours grid is in hours.xsl. Included by office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ===== What every field shares (called on the field's element) ===== -->

  <!-- class="field", plus field-invalid when it has an error -->
  <xsl:template name="field-class">
    <xsl:param name="kind" select="''"/>
    <xsl:attribute name="class">
      <xsl:value-of select="concat('field', $kind, substring(' field-invalid', 1, 14 * boolean(@error)))"/>
    </xsl:attribute>
  </xsl:template>

  <!-- The label, then " (optional)" unless the field is required, or
       conditional (required or not depending on another answer, which its
       hint says: neither the word nor the HTML attribute). -->
  <xsl:template name="field-label">
    <xsl:param name="class" select="'label'"/>
    <label class="{$class}" for="f-{@name}">
      <xsl:value-of select="@label"/>
      <xsl:call-template name="optional"/>
    </label>
  </xsl:template>

  <!-- In a search (a get form) every criterion is optional: not said. -->
  <xsl:template name="optional">
    <xsl:if test="not(@required) and not(@conditional) and not(ancestor::form[@method = 'get'])">
      <xsl:text> </xsl:text>
      <span class="optional"><xsl:value-of select="$l-optional"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="field-hint">
    <xsl:if test="@hint">
      <p class="hint" id="f-{@name}-hint"><xsl:value-of select="@hint"/></p>
    </xsl:if>
  </xsl:template>

  <!-- The visible message, after the hidden "Erreur :" prefix. -->
  <xsl:template name="field-error">
    <xsl:if test="@error">
      <p class="error-message" id="f-{@name}-error">
        <span class="visually-hidden"><xsl:value-of select="concat($l-error, ' ')"/></span>
        <xsl:value-of select="@error"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- aria-describedby (hint, error) and aria-invalid, on the element
       being written. -->
  <xsl:template name="field-aria">
    <xsl:if test="@hint or @error">
      <xsl:attribute name="aria-describedby">
        <xsl:if test="@hint"><xsl:value-of select="concat('f-', @name, '-hint')"/></xsl:if>
        <xsl:if test="@hint and @error"><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="@error"><xsl:value-of select="concat('f-', @name, '-error')"/></xsl:if>
      </xsl:attribute>
    </xsl:if>
    <xsl:if test="@error">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- class="input", plus input-short|medium|long -->
  <xsl:template name="input-class">
    <xsl:param name="base" select="'input'"/>
    <xsl:attribute name="class">
      <xsl:value-of select="concat($base, substring(concat(' input-', @width), 1, 99 * boolean(@width)))"/>
    </xsl:attribute>
  </xsl:template>

  <!-- ===== Text, textarea, select ===== -->

  <!-- A password's value is never written back. -->
  <xsl:template match="text">
    <div>
      <xsl:call-template name="field-class"/>
      <xsl:call-template name="field-label"/>
      <xsl:call-template name="field-hint"/>
      <xsl:call-template name="field-error"/>
      <input id="f-{@name}" name="{@name}" type="{concat(@type, substring('text', 1, 4 * not(@type)))}">
        <xsl:call-template name="input-class"/>
        <xsl:if test="@value and not(@type = 'password')">
          <xsl:copy-of select="@value"/>
        </xsl:if>
        <xsl:copy-of select="@autocomplete | @maxlength | @inputmode | @required | @placeholder"/>
        <xsl:call-template name="field-aria"/>
      </input>
    </div>
  </xsl:template>

  <xsl:template match="textarea">
    <div>
      <xsl:call-template name="field-class"/>
      <xsl:call-template name="field-label"/>
      <xsl:call-template name="field-hint"/>
      <xsl:call-template name="field-error"/>
      <textarea id="f-{@name}" name="{@name}">
        <xsl:call-template name="input-class">
          <xsl:with-param name="base" select="'input textarea'"/>
        </xsl:call-template>
        <xsl:copy-of select="@rows | @maxlength | @required"/>
        <xsl:call-template name="field-aria"/>
        <!-- HTML drops one newline right after <textarea>: keep the value's own -->
        <xsl:if test="starts-with(., '&#10;')"><xsl:text>&#10;</xsl:text></xsl:if>
        <xsl:value-of select="."/>
      </textarea>
    </div>
  </xsl:template>

  <xsl:template match="select">
    <div>
      <xsl:call-template name="field-class"/>
      <xsl:call-template name="field-label"/>
      <xsl:call-template name="field-hint"/>
      <xsl:call-template name="field-error"/>
      <select id="f-{@name}" name="{@name}">
        <xsl:call-template name="input-class">
          <xsl:with-param name="base" select="'input select'"/>
        </xsl:call-template>
        <xsl:copy-of select="@required"/>
        <xsl:call-template name="field-aria"/>
        <xsl:apply-templates select="option | group" mode="select"/>
      </select>
    </div>
  </xsl:template>

  <xsl:template match="option" mode="select">
    <option value="{@value}">
      <xsl:copy-of select="@selected"/>
      <xsl:value-of select="."/>
    </option>
  </xsl:template>

  <xsl:template match="group" mode="select">
    <optgroup label="{@label}">
      <xsl:apply-templates select="option" mode="select"/>
    </optgroup>
  </xsl:template>

  <!-- ===== Checkboxes and radios ===== -->

  <xsl:template match="checkboxes">
    <xsl:call-template name="choices">
      <xsl:with-param name="type" select="'checkbox'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="radios">
    <xsl:call-template name="choices">
      <xsl:with-param name="type" select="'radio'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A fieldset of boxes sharing the group's name. The first input's id
       is f-<name>, the next ones f-<name>-1, f-<name>-2… Radios take the
       required attribute (one of them must be chosen); a group of
       checkboxes cannot say "at least one" in HTML, so for it required
       only drops the "optional" word. The group's hint and error describe
       the fieldset; its error marks every box invalid. -->
  <xsl:template name="choices">
    <xsl:param name="type"/>
    <xsl:variable name="name" select="string(@name)"/>
    <xsl:variable name="invalid" select="boolean(@error)"/>
    <xsl:variable name="required" select="$type = 'radio' and boolean(@required)"/>
    <fieldset>
      <xsl:call-template name="field-class">
        <xsl:with-param name="kind" select="' field-group'"/>
      </xsl:call-template>
      <xsl:call-template name="group-aria"/>
      <legend class="legend">
        <xsl:value-of select="@legend"/>
        <xsl:call-template name="optional"/>
      </legend>
      <xsl:call-template name="field-hint"/>
      <xsl:call-template name="field-error"/>
      <div class="choices">
        <xsl:for-each select="option">
          <xsl:variable name="id"
                        select="concat('f-', $name, substring(concat('-', position() - 1), 1, 99 * (position() &gt; 1)))"/>
          <div class="choice">
            <input class="choice-input" type="{$type}" id="{$id}" name="{$name}" value="{@value}">
              <xsl:copy-of select="@checked"/>
              <xsl:if test="$required">
                <xsl:attribute name="required">required</xsl:attribute>
              </xsl:if>
              <xsl:if test="$invalid">
                <xsl:attribute name="aria-invalid">true</xsl:attribute>
              </xsl:if>
              <xsl:if test="@hint">
                <xsl:attribute name="aria-describedby"><xsl:value-of select="concat($id, '-hint')"/></xsl:attribute>
              </xsl:if>
            </input>
            <label class="choice-label" for="{$id}"><xsl:value-of select="."/></label>
            <xsl:if test="@hint">
              <p class="hint choice-hint" id="{$id}-hint"><xsl:value-of select="@hint"/></p>
            </xsl:if>
          </div>
        </xsl:for-each>
      </div>
    </fieldset>
  </xsl:template>

  <!-- aria-describedby of a group (on its fieldset). -->
  <xsl:template name="group-aria">
    <xsl:if test="@hint or @error">
      <xsl:attribute name="aria-describedby">
        <xsl:if test="@hint"><xsl:value-of select="concat('f-', @name, '-hint')"/></xsl:if>
        <xsl:if test="@hint and @error"><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="@error"><xsl:value-of select="concat('f-', @name, '-error')"/></xsl:if>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A single box: the message above it, the hint under its label. -->
  <xsl:template match="checkbox">
    <div>
      <xsl:call-template name="field-class">
        <xsl:with-param name="kind" select="' field-checkbox'"/>
      </xsl:call-template>
      <xsl:call-template name="field-error"/>
      <div class="choice">
        <input class="choice-input" type="checkbox" id="f-{@name}" name="{@name}">
          <xsl:copy-of select="@value | @checked | @required"/>
          <xsl:call-template name="field-aria"/>
        </input>
        <xsl:call-template name="field-label">
          <xsl:with-param name="class" select="'choice-label'"/>
        </xsl:call-template>
        <xsl:call-template name="field-hint"/>
      </div>
    </div>
  </xsl:template>

  <!-- ===== Repeated rows ===== -->

  <!-- One fieldset per row; add and remove are submit buttons of the form
       that skip the browser's validation (the office shows the form again
       with a row more or less). The add button's id is f-<name>-add: the
       summary points at it when there is no row. -->
  <xsl:template match="repeat">
    <fieldset>
      <xsl:call-template name="field-class">
        <xsl:with-param name="kind" select="' field-group repeat'"/>
      </xsl:call-template>
      <xsl:call-template name="group-aria"/>
      <legend class="legend">
        <xsl:value-of select="@legend"/>
        <xsl:call-template name="optional"/>
      </legend>
      <xsl:call-template name="field-hint"/>
      <xsl:call-template name="field-error"/>
      <xsl:for-each select="row">
        <fieldset class="repeat-row">
          <legend class="repeat-row-legend"><xsl:value-of select="@legend"/></legend>
          <div class="repeat-fields">
            <xsl:apply-templates select="*[not(self::remove)]"/>
          </div>
          <xsl:apply-templates select="remove"/>
        </fieldset>
      </xsl:for-each>
      <xsl:apply-templates select="add"/>
    </fieldset>
  </xsl:template>

  <xsl:template match="repeat/row/remove">
    <div class="repeat-remove">
      <button type="submit" class="button button-secondary button-small" name="{@name}"
              value="{@value}" formnovalidate="formnovalidate">
        <xsl:value-of select="."/>
      </button>
    </div>
  </xsl:template>

  <xsl:template match="repeat/add">
    <div class="repeat-add">
      <button type="submit" class="button button-secondary" id="f-{../@name}-add" name="{@name}"
              value="{@value}" formnovalidate="formnovalidate">
        <xsl:value-of select="."/>
      </button>
    </div>
  </xsl:template>

</xsl:stylesheet>
