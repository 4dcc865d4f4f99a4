/**
 * The XSL stylesheet RSS and Atom feeds name in `<?xml-stylesheet?>`, for an XML viewer that still
 * runs XSLT: it shows the feed as the page a browser gets from the server (feed.page.ts), in plain
 * words rather than raw XML. Browsers no longer need it (they are dropping XSLT, and a browser's
 * request gets that page instead of the feed), and feed readers ignore the instruction.
 *
 * XSLT 1.0, the only version browsers ever ran. The page's markup, words and style are feed.page.ts's
 * own, its slots filled with XSLT that reads the feed itself: no script, nothing from elsewhere,
 * its one style inline (the feed's Content-Security-Policy allows exactly that). Dates are written
 * as src/core/dates.ts writes an English day ("2 March 2018"): RSS gives
 * `Fri, 02 Mar 2018 00:00:00 GMT`, Atom `2018-03-02T00:00:00Z`.
 */
import { feedItemMarkup, feedItemsMarkup, feedPageMarkup, NO_ARTICLES_MARKUP } from './feed.page';

/** Where Quipu serves the stylesheet; feeds name it by this path, so it is always same-origin. */
export const FEED_STYLESHEET_PATH = '/feeds/feed.xsl';

/** XSLT stylesheets are script-like to browsers: `text/xsl` is the type they all load. */
export const FEED_STYLESHEET_TYPE = 'text/xsl; charset=utf-8';

/** The stylesheet itself: the page of feed.page.ts, its slots filled with what XSLT picks from RSS or Atom. */
export const FEED_STYLESHEET = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:template match="/">
  <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
  <xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="home" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
${feedPageMarkup({
  title: '<xsl:value-of select="$title"/>',
  description: '<xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/>',
  address: '{$self}',
  home: '{$home}',
  articles: `<xsl:choose>
<xsl:when test="rss/channel/item | atom:feed/atom:entry">${feedItemsMarkup('<xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>')}</xsl:when>
<xsl:otherwise>${NO_ARTICLES_MARKUP}</xsl:otherwise>
</xsl:choose>`,
})}
</xsl:template>

<xsl:template match="item">
${feedItemMarkup({
  link: '{link}',
  title: '<xsl:value-of select="title"/>',
  date: `<xsl:call-template name="day">
  <xsl:with-param name="year" select="substring(pubDate, 13, 4)"/>
  <xsl:with-param name="month" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3 + 1"/>
  <xsl:with-param name="day" select="substring(pubDate, 6, 2)"/>
</xsl:call-template>`,
  summary: `<xsl:call-template name="unescape">
  <xsl:with-param name="html" select="substring-before(substring-after(description, '&lt;p&gt;'), '&lt;/p&gt;')"/>
</xsl:call-template>`,
})}
</xsl:template>

<xsl:template match="atom:entry">
${feedItemMarkup({
  link: "{atom:link[@rel='alternate']/@href}",
  title: '<xsl:value-of select="atom:title"/>',
  date: `<xsl:call-template name="day">
  <xsl:with-param name="year" select="substring(atom:published, 1, 4)"/>
  <xsl:with-param name="month" select="number(substring(atom:published, 6, 2))"/>
  <xsl:with-param name="day" select="substring(atom:published, 9, 2)"/>
</xsl:call-template>`,
  summary: '<xsl:value-of select="atom:summary"/>',
})}
</xsl:template>

<!-- A publication day as "2 March 2018", in a <time> that keeps it as 2018-03-02. -->
<xsl:template name="day">
  <xsl:param name="year"/>
  <xsl:param name="month"/>
  <xsl:param name="day"/>
  <time datetime="{$year}-{format-number($month, '00')}-{$day}">
      <xsl:value-of select="number($day)"/>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="$month = 1">January</xsl:when><xsl:when test="$month = 2">February</xsl:when>
        <xsl:when test="$month = 3">March</xsl:when><xsl:when test="$month = 4">April</xsl:when>
        <xsl:when test="$month = 5">May</xsl:when><xsl:when test="$month = 6">June</xsl:when>
        <xsl:when test="$month = 7">July</xsl:when><xsl:when test="$month = 8">August</xsl:when>
        <xsl:when test="$month = 9">September</xsl:when><xsl:when test="$month = 10">October</xsl:when>
        <xsl:when test="$month = 11">November</xsl:when><xsl:when test="$month = 12">December</xsl:when>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$year"/>
    </time>
</xsl:template>

<!-- An RSS description is HTML: its summary paragraph's text, with the five escapes Quipu writes
     (feed-links.ts, escapeHtml) turned back into characters. -->
<xsl:template name="unescape">
  <xsl:param name="html"/>
  <xsl:choose>
    <xsl:when test="contains($html, '&amp;')">
      <xsl:value-of select="substring-before($html, '&amp;')"/>
      <xsl:variable name="rest" select="substring-after($html, '&amp;')"/>
      <xsl:variable name="entity" select="substring-before($rest, ';')"/>
      <xsl:choose>
        <xsl:when test="$entity = 'lt'">&lt;</xsl:when>
        <xsl:when test="$entity = 'gt'">&gt;</xsl:when>
        <xsl:when test="$entity = 'quot'">"</xsl:when>
        <xsl:when test="$entity = '#39'">'</xsl:when>
        <xsl:when test="$entity = 'amp'">&amp;</xsl:when>
        <xsl:otherwise>&amp;</xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="unescape">
        <xsl:with-param name="html">
          <xsl:choose>
            <xsl:when test="$entity = 'lt' or $entity = 'gt' or $entity = 'quot' or $entity = '#39' or $entity = 'amp'"><xsl:value-of select="substring-after($rest, ';')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
`;
