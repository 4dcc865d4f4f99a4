/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 from one FeedContent. The XML is written by fast-xml-parser's
 * builder (which escapes every text and attribute); the structure follows each spec:
 * - ids are URNs made from global ids (`urn:quipu:article:<id>`), stable across re-ingests and hosts;
 * - dates are the articles' publication dates at 00:00 UTC, never the time of the request: the
 *   feed's own date is its newest item's (an empty Atom feed says 1970-01-01T00:00:00Z; RSS and
 *   JSON Feed then give no feed date), so the same articles always give the same bytes and ETag;
 * - every feed links to itself (Atom rel="self", RSS atom:link rel="self", JSON Feed feed_url) and to
 *   the explorer page of the same articles; items link to their public page (Article.url);
 * - RSS and Atom name Quipu's XSL stylesheet (`<?xml-stylesheet?>`, feed.stylesheet.ts), which an
 *   XML viewer that runs XSLT uses to show the feed as a page; feed readers ignore it, and browsers
 *   get the page itself from the server (feed.page.ts).
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { FeedArticle, FeedContent } from './feed.data';
import { FEED_STYLESHEET_PATH } from './feed.stylesheet';
import { escapeHtml, FEED_FORMATS, type FeedFormat } from './feed-links';

export interface FeedMeta {
  /** This feed's own URL (the self link). */
  selfUrl: string;
  /** The HTML page of the same articles (the explorer). */
  homeUrl: string;
  /** A stable URN naming what the feed follows, e.g. `urn:quipu:feed:channel:mining`. */
  id: string;
}

const EMPTY_FEED_DATE = '1970-01-01T00:00:00Z';
const GENERATOR = 'Quipu';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: `${FEED_FORMATS.rss.type}; charset=utf-8`,
  atom: `${FEED_FORMATS.atom.type}; charset=utf-8`,
  json: `${FEED_FORMATS.json.type}; charset=utf-8`,
};

/** The feed's item id: a URN made from the article's global id. */
export function itemId(article: { id: string }): string {
  return `urn:quipu:article:${article.id}`;
}

/** RFC 3339 instant of a publication date (YYYY-MM-DD): its first moment, UTC. */
export function publishedInstant(date: string): string {
  return `${date}T00:00:00Z`;
}

const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, suppressEmptyNode: true });
const declaration = {
  '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
  '?xml-stylesheet': { '@_type': 'text/xsl', '@_href': FEED_STYLESHEET_PATH },
};

/** The article's text as HTML paragraphs, escaped: the summary, then each paragraph of the body. */
function paragraphsHtml(article: FeedArticle): string {
  return [article.summary, ...(article.body?.split('\n\n') ?? [])].map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

export function renderFeed(format: FeedFormat, content: FeedContent, meta: FeedMeta): string {
  if (format === 'rss') return xmlCharactersOnly(rss(content, meta));
  if (format === 'atom') return xmlCharactersOnly(atom(content, meta));
  return jsonFeed(content, meta);
}

/** Characters XML 1.0 cannot carry at all, even escaped (control characters other than tab and newlines). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * The XML without the characters XML 1.0 cannot carry: a stray control character in a news item
 * (kept as published in the database and the API) would otherwise make the whole feed unreadable.
 */
export function xmlCharactersOnly(text: string): string {
  return text.replace(NOT_XML, '');
}

function rss(content: FeedContent, meta: FeedMeta): string {
  const newest = content.articles[0];
  const date = newest ? new Date(publishedInstant(newest.publishedAt)).toUTCString() : undefined;
  return xml.build({
    ...declaration,
    rss: {
      '@_version': '2.0',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      channel: {
        title: content.title,
        link: meta.homeUrl,
        description: content.description,
        'atom:link': { '@_href': meta.selfUrl, '@_rel': 'self', '@_type': FEED_FORMATS.rss.type },
        language: 'en',
        ...(date ? { pubDate: date, lastBuildDate: date } : {}),
        generator: GENERATOR,
        docs: 'https://www.rssboard.org/rss-specification',
        item: content.articles.map((article) => ({
          title: article.title,
          link: article.url,
          guid: { '@_isPermaLink': 'false', '#text': itemId(article) },
          pubDate: new Date(publishedInstant(article.publishedAt)).toUTCString(),
          description: paragraphsHtml({ ...article, body: null }),
          category: article.topics.map((topic) => topic.name),
        })),
      },
    },
  });
}

function atom(content: FeedContent, meta: FeedMeta): string {
  const newest = content.articles[0];
  return xml.build({
    ...declaration,
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': 'en',
      id: meta.id,
      title: content.title,
      subtitle: content.description,
      updated: newest ? publishedInstant(newest.publishedAt) : EMPTY_FEED_DATE,
      link: [
        { '@_rel': 'self', '@_type': FEED_FORMATS.atom.type, '@_href': meta.selfUrl },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': meta.homeUrl },
      ],
      generator: GENERATOR,
      entry: content.articles.map((article) => ({
        id: itemId(article),
        title: { '@_type': 'text', '#text': article.title },
        link: { '@_rel': 'alternate', '@_type': 'text/html', '@_href': article.url },
        published: publishedInstant(article.publishedAt),
        updated: publishedInstant(article.publishedAt),
        author: { name: article.source.name, uri: article.source.url },
        category: article.topics.map((topic) => ({ '@_term': topic.slug, '@_label': topic.name })),
        summary: { '@_type': 'text', '#text': article.summary },
        content: { '@_type': 'html', '#text': paragraphsHtml(article) },
      })),
    },
  });
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written by hand: it is plain JSON. */
function jsonFeed(content: FeedContent, meta: FeedMeta): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: content.title,
      home_page_url: meta.homeUrl,
      feed_url: meta.selfUrl,
      description: content.description,
      language: 'en',
      items: content.articles.map((article) => ({
        id: itemId(article),
        url: article.url,
        title: article.title,
        summary: article.summary,
        content_text: [article.summary, ...(article.body ? [article.body] : [])].join('\n\n'),
        date_published: publishedInstant(article.publishedAt),
        tags: article.topics.map((topic) => topic.name),
        authors: [{ name: article.source.name, url: article.source.url }],
        language: 'en',
      })),
    },
    null,
    2,
  );
}
