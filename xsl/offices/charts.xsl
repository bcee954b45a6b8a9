<?xml version="1.0" encoding="UTF-8"?>
<!-- charts.xsl — figures (docs/views.md, "Figures and charts"): tiles (a
     number and its label, a link to what it counts) and charts drawn as
     inline SVG, no script: horizontal bars (kind="bars") or columns over
     time (kind="columns"). Each chart is an image for assistive
     technologies (role="img", its title and description) followed by the
     same figures as a table, folded in a details element after it (not a
     figcaption: the table would become the figure's name); it scales with
     its viewBox (width 100%). The geometry is computed here from the
     numbers: a bar's length is value × the room there is ÷ the largest
     value, rounded, and at least 1 for a value that is not 0. No style
     attribute: the colours are classes of office.css. Included by
     office.xsl. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The geometry, in the units of the viewBox. -->
  <!-- bars: one row per bar; labels right-aligned before the bars -->
  <xsl:variable name="bars-width" select="420"/>
  <xsl:variable name="bars-x" select="128"/>
  <xsl:variable name="bars-room" select="232"/>
  <xsl:variable name="bars-row" select="34"/>
  <xsl:variable name="bars-thick" select="22"/>
  <!-- columns: the plot from y = 30 down to the axis at y = 200 -->
  <xsl:variable name="cols-width" select="600"/>
  <xsl:variable name="cols-height" select="240"/>
  <xsl:variable name="cols-x" select="60"/>
  <xsl:variable name="cols-axis" select="200"/>
  <xsl:variable name="cols-room" select="170"/>
  <xsl:variable name="cols-plot" select="530"/>

  <!-- ===== Tiles ===== -->

  <xsl:template match="tiles">
    <ul class="tiles" aria-label="{@label}">
      <xsl:for-each select="tile">
        <li class="tile">
          <xsl:choose>
            <xsl:when test="@href">
              <a class="tile-link" href="{@href}">
                <span class="tile-value"><xsl:value-of select="@value"/></span>
                <span class="tile-label"><xsl:value-of select="@label"/></span>
              </a>
            </xsl:when>
            <xsl:otherwise>
              <span class="tile-value"><xsl:value-of select="@value"/></span>
              <span class="tile-label"><xsl:value-of select="@label"/></span>
            </xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- ===== Charts ===== -->

  <xsl:template match="chart">
    <xsl:variable name="id" select="string(@id)"/>
    <!-- the largest value: the first once sorted downwards -->
    <xsl:variable name="max-text">
      <xsl:for-each select="bar">
        <xsl:sort select="@value" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@value"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <!-- 0 when there is no bar -->
    <xsl:variable name="max" select="number(concat('0', $max-text))"/>
    <figure class="chart chart-{@kind}" id="{$id}">
      <xsl:choose>
        <xsl:when test="@kind = 'columns'">
          <xsl:call-template name="columns">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="max" select="$max"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="bars">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="max" select="$max"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <div class="chart-caption">
        <details class="chart-figures">
          <summary><xsl:value-of select="@figures"/></summary>
          <table class="table table-compact">
            <caption class="visually-hidden"><xsl:value-of select="@title"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="@label-heading"/></th>
                <th scope="col" class="numeric"><xsl:value-of select="@value-heading"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="bar">
                <tr>
                  <th scope="row"><xsl:value-of select="@label"/></th>
                  <td class="numeric"><xsl:call-template name="bar-text"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </details>
      </div>
    </figure>
  </xsl:template>

  <!-- How a bar's value is written: its text (digits grouped), else the
       number. -->
  <xsl:template name="bar-text">
    <xsl:choose>
      <xsl:when test="@text"><xsl:value-of select="@text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The length of a bar of value v when the largest is max and room the
       longest bar: round(v × room ÷ max), at least 1 when v is not 0. -->
  <xsl:template name="length">
    <xsl:param name="v"/>
    <xsl:param name="max"/>
    <xsl:param name="room"/>
    <xsl:choose>
      <xsl:when test="not($v &gt; 0) or not($max &gt; 0)">0</xsl:when>
      <xsl:when test="round($v * $room div $max) &lt; 1">1</xsl:when>
      <xsl:otherwise><xsl:value-of select="round($v * $room div $max)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The svg element's opening: an image named by its title and
       description. -->
  <xsl:template name="svg-head">
    <xsl:param name="id"/>
    <title id="{$id}-title"><xsl:value-of select="@title"/></title>
    <desc id="{$id}-desc"><xsl:value-of select="@desc"/></desc>
  </xsl:template>

  <xsl:template name="bars">
    <xsl:param name="id"/>
    <xsl:param name="max"/>
    <xsl:variable name="height" select="count(bar) * $bars-row + 8"/>
    <svg class="chart-svg" role="img" aria-labelledby="{$id}-title {$id}-desc"
         viewBox="0 0 {$bars-width} {$height}" width="100%" preserveAspectRatio="xMinYMin meet">
      <xsl:call-template name="svg-head">
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
      <xsl:for-each select="bar">
        <xsl:variable name="top" select="(position() - 1) * $bars-row + 4"/>
        <xsl:variable name="len">
          <xsl:call-template name="length">
            <xsl:with-param name="v" select="number(@value)"/>
            <xsl:with-param name="max" select="$max"/>
            <xsl:with-param name="room" select="$bars-room"/>
          </xsl:call-template>
        </xsl:variable>
        <g class="chart-row">
          <text class="chart-label" x="{$bars-x - 8}" y="{$top + 16}" text-anchor="end">
            <xsl:value-of select="@label"/>
          </text>
          <rect class="chart-bar" x="{$bars-x}" y="{$top}" width="{$len}" height="{$bars-thick}"/>
          <text class="chart-value" x="{$bars-x + $len + 6}" y="{$top + 16}">
            <xsl:call-template name="bar-text"/>
          </text>
        </g>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <xsl:template name="columns">
    <xsl:param name="id"/>
    <xsl:param name="max"/>
    <xsl:variable name="n" select="count(bar)"/>
    <!-- the room of one column, and its bar two thirds of it -->
    <xsl:variable name="pitch" select="floor($cols-plot div ($n + ($n = 0)))"/>
    <xsl:variable name="thick" select="floor($pitch * 2 div 3)"/>
    <svg class="chart-svg" role="img" aria-labelledby="{$id}-title {$id}-desc"
         viewBox="0 0 {$cols-width} {$cols-height}" width="100%" preserveAspectRatio="xMinYMin meet">
      <xsl:call-template name="svg-head">
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
      <!-- the scale: the axis, and a line at the largest value -->
      <line class="chart-axis" x1="{$cols-x}" y1="{$cols-axis}" x2="{$cols-x + $n * $pitch}"
            y2="{$cols-axis}"/>
      <line class="chart-grid" x1="{$cols-x}" y1="{$cols-axis - $cols-room}"
            x2="{$cols-x + $n * $pitch}" y2="{$cols-axis - $cols-room}"/>
      <text class="chart-scale" x="{$cols-x - 8}" y="{$cols-axis - $cols-room + 6}"
            text-anchor="end"><xsl:value-of select="$max"/></text>
      <text class="chart-scale" x="{$cols-x - 8}" y="{$cols-axis + 6}" text-anchor="end">0</text>
      <xsl:for-each select="bar">
        <xsl:variable name="left" select="$cols-x + (position() - 1) * $pitch"/>
        <xsl:variable name="len">
          <xsl:call-template name="length">
            <xsl:with-param name="v" select="number(@value)"/>
            <xsl:with-param name="max" select="$max"/>
            <xsl:with-param name="room" select="$cols-room"/>
          </xsl:call-template>
        </xsl:variable>
        <rect class="chart-bar" x="{$left + floor(($pitch - $thick) div 2)}"
              y="{$cols-axis - $len}" width="{$thick}" height="{$len}"/>
        <xsl:if test="@tick">
          <text class="chart-tick" x="{$left + floor($pitch div 2)}" y="{$cols-axis + 28}"
                text-anchor="middle"><xsl:value-of select="@tick"/></text>
        </xsl:if>
      </xsl:for-each>
    </svg>
  </xsl:template>

</xsl:stylesheet>
