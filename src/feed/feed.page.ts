/**
 * The page a reader sees on following an "RSS" link in a browser: what the feed is, how to follow
 * it in a feed reader (its address, ready to copy), and its newest articles. A browser asking for a
 * feed's URL (its Accept prefers HTML) gets this page from the server, rendered from the same
 * FeedContent as the feed itself (feed.routes.ts); the XSL stylesheet (feed.stylesheet.ts) writes
 * the same page for an XML viewer that still runs XSLT.
 *
 * Both are made from feedPageMarkup and feedItemMarkup below, so the page's words and structure live
 * in this one file. Their slots take markup: the server fills them with escaped text, the stylesheet
 * with the XSLT that reads the text from the feed. So the markup is written to be both well-formed
 * XML (the stylesheet is an XML document) and HTML: void elements closed (`<meta/>`), every attribute
 * with a value, and no `{` in an attribute, which XSLT would read as an expression.
 *
 * Self-contained, as the article page is: no script, nothing from elsewhere, one inline style.
 */
import { formatDay } from '../core/dates';
import type { FeedArticle, FeedContent } from './feed.data';
import { alternateLinks, escapeHtml, type FeedTarget } from './feed-links';

/** The article page's look (article.page.ts), with the box that says how to follow and the list of articles. */
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

/** The parts of the page that come from the feed, each as markup (escaped text, or XSLT that writes it). */
export interface FeedPageSlots {
  /** The feed's title. */
  title: string;
  /** What the feed follows, a sentence or two. */
  description: string;
  /** Inside an attribute: the feed's own address, for the reader to copy into a feed reader. */
  address: string;
  /** Inside an attribute: the explorer page of the same articles, for a reader without a feed reader. */
  home: string;
  /** The newest articles: feedItemsMarkup of the items, or NO_ARTICLES_MARKUP. */
  articles: string;
  /** More of the `<head>`: the server's page announces the feeds for autodiscovery. */
  head?: string;
}

/** The whole page from `<html>` on (a doctype is the server's or the stylesheet's to write). */
export function feedPageMarkup(slots: FeedPageSlots): string {
  return `<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title>${slots.title} · news feed from Quipu</title>
${slots.head ?? ''}
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<p class="kind">News feed</p>
<h1>${slots.title}</h1>
<p>${slots.description}</p>
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
<input id="address" type="text" readonly="readonly" value="${slots.address}"/>
<p>No feed reader? <a href="${slots.home}">Read these articles on Quipu</a> instead.</p>
</section>
<section aria-labelledby="latest">
<h2 id="latest">Latest articles</h2>
${slots.articles}
</section>
</main>
<footer><p>Served by Quipu, a hub of NGO news about Peru.</p></footer>
</body>
</html>
`;
}

/** What a feed with no articles yet says in place of the list. */
export const NO_ARTICLES_MARKUP = '<p>No articles yet. New ones will appear here, and in your feed reader, as they are published.</p>';

/** The list of the newest articles around their items' markup. */
export function feedItemsMarkup(items: string): string {
  return `<ol class="items">${items}</ol>`;
}

/** One article in the list, each part as markup: `link` goes inside an attribute, `date` is a `<time>`. */
export function feedItemMarkup(item: { link: string; title: string; date: string; summary: string }): string {
  return `<li>
<h3><a href="${item.link}">${item.title}</a></h3>
<p class="date">${item.date}</p>
<p class="summary">${item.summary}</p>
</li>`;
}

/** Where the page is and what it is of: the feed's address, the explorer's, and what to announce for autodiscovery. */
export interface FeedPageMeta {
  selfUrl: string;
  homeUrl: string;
  origin: string;
  target: FeedTarget;
}

function articleMarkup(article: FeedArticle): string {
  return feedItemMarkup({
    link: escapeHtml(article.url),
    title: escapeHtml(article.title),
    date: `<time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(formatDay(article.publishedAt))}</time>`,
    summary: escapeHtml(article.summary),
  });
}

/**
 * The feed as the server's HTML page: the same content the RSS or Atom answer is written from, every
 * text escaped. Its `<head>` announces the feed's three formats, so a browser or a feed reader given
 * this page's address still finds the feed.
 */
export function renderFeedPage(content: FeedContent, meta: FeedPageMeta): string {
  const articles = content.articles.length > 0 ? feedItemsMarkup(content.articles.map(articleMarkup).join('\n')) : NO_ARTICLES_MARKUP;
  return `<!doctype html>\n${feedPageMarkup({
    title: escapeHtml(content.title),
    description: escapeHtml(content.description),
    address: escapeHtml(meta.selfUrl),
    home: escapeHtml(meta.homeUrl),
    articles,
    head: alternateLinks(meta.origin, meta.target, `Quipu: ${content.title}`),
  })}`;
}
