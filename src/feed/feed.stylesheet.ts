/**
 * The XSL stylesheet RSS and Atom feeds name in `<?xml-stylesheet?>`, so a reader who opens a feed
 * in a browser (the "RSS" link under the widget, say) sees a page in plain words rather than raw
 * XML: what the feed is, how to follow it in a feed reader, and its newest articles. Feed readers
 * ignore the instruction and read the same bytes as before.
 *
 * XSLT 1.0, the version browsers run. It reads only the feed itself: no script, nothing from
 * elsewhere, its one style inline (the feed's Content-Security-Policy allows exactly that).
 * Dates are written as src/core/dates.ts writes an English day ("2 March 2018"): RSS gives
 * `Fri, 02 Mar 2018 00:00:00 GMT`, Atom `2018-03-02T00:00:00Z`.
 */

/** Where Quipu serves the stylesheet; feeds name it by this path, so it is always same-origin. */
export const FEED_STYLESHEET_PATH = '/feeds/feed.xsl';

/** XSLT stylesheets are script-like to browsers: `text/xsl` is the type they all load. */
export const FEED_STYLESHEET_TYPE = 'text/xsl; charset=utf-8';

const STYLE = `
body { font: 1.0625rem/1.6 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; color: #1b1b1b; background: #fff; }
a { color: #0b57a4; } a:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.kind, .date, footer { color: #4a4a4a; } .kind { margin: 0; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; font-size: .85rem; }
h1 { line-height: 1.25; margin: .25rem 0 .5rem; } h3 { margin: 0; font-size: 1.1rem; line-height: 1.35; }
.follow { border: 1px solid #c9c9c9; border-radius: .5rem; padding: 0 1.25rem 1rem; margin: 1.5rem 0; background: #f6f8fa; }
.follow label { display: block; font-weight: 600; margin-top: .75rem; }
.follow input { width: 100%; box-sizing: border-box; font: .95rem ui-monospace, monospace; padding: .5rem; border: 1px solid #767676; border-radius: .25rem; color: inherit; background: #fff; }
.items { list-style: none; padding: 0; } .items li { padding: .75rem 0; border-top: 1px solid #dedede; } .date { margin: .25rem 0; font-size: .95rem; } .summary { margin: .25rem 0 0; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #161616; } a { color: #8cc4ff; } .kind, .date, footer { color: #bbb; }
  .follow { background: #1f242b; border-color: #444; } .follow input { background: #161616; border-color: #8a8a8a; } .items li { border-color: #333; }
}
`;

/** The stylesheet itself: one template for the page, with the channel's or feed's fields picked from RSS or Atom. */
export const FEED_STYLESHEET = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:template match="/">
  <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
  <xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="home" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
  <html lang="en">
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="robots" content="noindex"/>
      <title><xsl:value-of select="$title"/> · news feed from Quipu</title>
      <style>${STYLE}</style>
    </head>
    <body>
      <main>
        <header>
          <p class="kind">News feed</p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
        </header>
        <section class="follow" aria-labelledby="follow">
          <h2 id="follow">Follow this feed</h2>
          <p>This page is a news feed: the newest articles on this subject, in a form that feed reader apps check for you. Add it to yours and new articles will show up there as they are published.</p>
          <ol>
            <li>Copy the address below.</li>
            <li>In your feed reader (an app or website such as Feedly, Inoreader or NetNewsWire, or the one in your email program), choose "Add feed", "Subscribe" or "+".</li>
            <li>Paste the address.</li>
          </ol>
          <label for="address">Address of this feed</label>
          <input id="address" type="text" readonly="readonly" value="{$self}"/>
          <p>No feed reader? <a href="{$home}">Read these articles on Quipu</a> instead.</p>
        </section>
        <section aria-labelledby="latest">
          <h2 id="latest">Latest articles</h2>
          <xsl:choose>
            <xsl:when test="rss/channel/item | atom:feed/atom:entry">
              <ol class="items">
                <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise><p>No articles yet. New ones will appear here, and in your feed reader, as they are published.</p></xsl:otherwise>
          </xsl:choose>
        </section>
      </main>
      <footer><p>Served by Quipu, a hub of NGO news about Peru.</p></footer>
    </body>
  </html>
</xsl:template>

<xsl:template match="item">
  <li>
    <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
    <xsl:call-template name="day">
      <xsl:with-param name="year" select="substring(pubDate, 13, 4)"/>
      <xsl:with-param name="month" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3 + 1"/>
      <xsl:with-param name="day" select="substring(pubDate, 6, 2)"/>
    </xsl:call-template>
    <p class="summary">
      <xsl:call-template name="unescape">
        <xsl:with-param name="html" select="substring-before(substring-after(description, '&lt;p&gt;'), '&lt;/p&gt;')"/>
      </xsl:call-template>
    </p>
  </li>
</xsl:template>

<xsl:template match="atom:entry">
  <li>
    <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
    <xsl:call-template name="day">
      <xsl:with-param name="year" select="substring(atom:published, 1, 4)"/>
      <xsl:with-param name="month" select="number(substring(atom:published, 6, 2))"/>
      <xsl:with-param name="day" select="substring(atom:published, 9, 2)"/>
    </xsl:call-template>
    <p class="summary"><xsl:value-of select="atom:summary"/></p>
  </li>
</xsl:template>

<!-- A publication day as "2 March 2018", in a <time> that keeps it as 2018-03-02. -->
<xsl:template name="day">
  <xsl:param name="year"/>
  <xsl:param name="month"/>
  <xsl:param name="day"/>
  <p class="date">
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
  </p>
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
