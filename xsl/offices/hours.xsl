<?xml version="1.0" encoding="UTF-8"?>
<!-- hours.xsl — the weekly hours grid of a form (docs/views.md, "Weekly
     hours grid"): a fieldset holding a table, one row per day, one pair of
     time inputs per slot, named <name>.<code>.<n>.open|close (n from 0),
     each with a label made of the day, the slot number (hidden) and the
     open or close word. A slot's error is shown in its cell; the group's
     hint and error describe the fieldset. On a phone the CSS turns the
     grid into one block per day. Included by office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="hours">
    <xsl:variable name="name" select="string(@name)"/>
    <xsl:variable name="open-label" select="string(@open-label)"/>
    <xsl:variable name="close-label" select="string(@close-label)"/>
    <xsl:variable name="all-invalid" select="boolean(@error)"/>
    <fieldset>
      <xsl:call-template name="field-class">
        <xsl:with-param name="kind" select="' field-group hours'"/>
      </xsl:call-template>
      <xsl:call-template name="group-aria"/>
      <legend class="legend">
        <xsl:value-of select="@legend"/>
        <xsl:call-template name="optional"/>
      </legend>
      <xsl:call-template name="field-hint"/>
      <xsl:call-template name="field-error"/>
      <table class="hours-grid">
        <tbody>
          <xsl:for-each select="day">
            <xsl:variable name="day" select="string(@label)"/>
            <xsl:variable name="prefix" select="concat($name, '.', @code, '.')"/>
            <tr class="hours-row">
              <th scope="row" class="hours-day"><xsl:value-of select="$day"/></th>
              <xsl:for-each select="slot">
                <xsl:variable name="n" select="position() - 1"/>
                <xsl:variable name="slot" select="concat($prefix, $n)"/>
                <xsl:variable name="invalid" select="$all-invalid or boolean(@error)"/>
                <!-- "Lundi 2 " before the open and close words -->
                <xsl:variable name="where" select="concat($day, ' ', $n + 1, ' ')"/>
                <td>
                  <xsl:attribute name="class">
                    <xsl:value-of select="concat('hours-slot', substring(' hours-slot-invalid', 1, 19 * boolean(@error)))"/>
                  </xsl:attribute>
                  <div class="hours-pair">
                    <div class="hours-time">
                      <label class="hours-label" for="f-{$slot}.open">
                        <span class="visually-hidden"><xsl:value-of select="$where"/></span>
                        <xsl:value-of select="$open-label"/>
                      </label>
                      <input type="time" class="input input-time" id="f-{$slot}.open" name="{$slot}.open">
                        <xsl:if test="@open != ''">
                          <xsl:attribute name="value"><xsl:value-of select="@open"/></xsl:attribute>
                        </xsl:if>
                        <xsl:call-template name="slot-aria">
                          <xsl:with-param name="slot" select="$slot"/>
                          <xsl:with-param name="invalid" select="$invalid"/>
                        </xsl:call-template>
                      </input>
                    </div>
                    <div class="hours-time">
                      <label class="hours-label" for="f-{$slot}.close">
                        <span class="visually-hidden"><xsl:value-of select="$where"/></span>
                        <xsl:value-of select="$close-label"/>
                      </label>
                      <input type="time" class="input input-time" id="f-{$slot}.close" name="{$slot}.close">
                        <xsl:if test="@close != ''">
                          <xsl:attribute name="value"><xsl:value-of select="@close"/></xsl:attribute>
                        </xsl:if>
                        <xsl:call-template name="slot-aria">
                          <xsl:with-param name="slot" select="$slot"/>
                          <xsl:with-param name="invalid" select="$invalid"/>
                        </xsl:call-template>
                      </input>
                    </div>
                  </div>
                  <xsl:if test="@error">
                    <p class="error-message" id="f-{$slot}-error">
                      <span class="visually-hidden"><xsl:value-of select="concat($l-error, ' ')"/></span>
                      <xsl:value-of select="@error"/>
                    </p>
                  </xsl:if>
                </td>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </fieldset>
  </xsl:template>

  <!-- On a slot's input: its cell's error describes it; the slot's or the
       grid's error marks it invalid. -->
  <xsl:template name="slot-aria">
    <xsl:param name="slot"/>
    <xsl:param name="invalid"/>
    <xsl:if test="@error">
      <xsl:attribute name="aria-describedby"><xsl:value-of select="concat('f-', $slot, '-error')"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="$invalid">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
