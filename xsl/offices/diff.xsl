<?xml version="1.0" encoding="UTF-8"?>
<!-- diff.xsl — two versions of a document side by side, field by field
     (docs/views.md, "Differences"): a table whose rows are the fields that
     differ, with the value before and after; values keep their line breaks
     and long words wrap. On a phone, each field becomes a block with its
     two values one above the other. Included by office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="diff">
    <div class="table-box" role="region" aria-label="{@caption}" tabindex="0">
      <table class="table diff">
        <xsl:copy-of select="@id"/>
        <caption class="table-caption"><xsl:value-of select="@caption"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="@field-label"/></th>
            <th scope="col"><xsl:value-of select="@before-label"/></th>
            <th scope="col"><xsl:value-of select="@after-label"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="change">
            <tr>
              <th scope="row" class="diff-field"><xsl:value-of select="@field"/></th>
              <td class="diff-before" data-label="{../@before-label}"><xsl:value-of select="before"/></td>
              <td class="diff-after" data-label="{../@after-label}"><xsl:value-of select="after"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

</xsl:stylesheet>
