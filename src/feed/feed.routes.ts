import fastifyEtag from '@fastify/etag';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { matchesEtag } from '../core/etag';
import type { Sql } from '../db/sql';
import { readArticlePageData, renderArticlePage, renderNotFoundPage } from './article.page';
import { DEFAULT_FEED_LIMIT, fetchFeedContent, MAX_FEED_LIMIT } from './feed.data';
import { FEED_CONTENT_TYPES, renderFeed } from './feed.formats';
import { renderFeedPage } from './feed.page';
import { FEED_STYLESHEET, FEED_STYLESHEET_PATH, FEED_STYLESHEET_TYPE } from './feed.stylesheet';
import { FEED_FORMATS, FEED_SUBJECTS, type FeedFormat, type FeedSubject, type FeedTarget, feedUrl } from './feed-links';

/** What the feeds need from the server: the database once ready, and each request's public origin. */
export interface FeedOptions {
  state: { sql: Sql | null; ready: boolean };
  originOf(request: FastifyRequest): string;
}

/** Feeds and article pages may be kept by any cache for 5 minutes, and served stale for an hour while refreshed. */
export const PUBLIC_CACHE = 'public, max-age=300, s-maxage=300, stale-while-revalidate=3600';

const FORMATS = Object.keys(FEED_FORMATS) as FeedFormat[];
const TEXT = 'text/plain; charset=utf-8';

/**
 * The policy of an RSS or Atom feed, for an XML viewer that applies the XSL stylesheet: the
 * stylesheet from this server (browsers load XSLT as a script, so under `script-src`), its one
 * inline style, and nothing else. A feed reader ignores it.
 */
const XML_FEED_POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Article pages and feeds' pages: their one inline style, no script, nothing from elsewhere. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HTML = 'text/html; charset=utf-8';

/**
 * True when the request wants a page rather than the feed: a browser following an "RSS" link,
 * whose Accept prefers `text/html` to the feed's own type and to XML (Chromium and Firefox send
 * `text/html,application/xhtml+xml,application/xml;q=0.9,* / *;q=0.8`). Everyone else gets the
 * feed, byte for byte: feed readers, which name the feed's type or XML first, `curl` and
 * `Accept: * / *` (on a tie the feed wins), and any client that names no HTML. XML counts as the
 * feed, so a reader asking for `application/xml, text/html` still gets the XML it put first.
 */
function wantsPage(request: FastifyRequest, format: 'rss' | 'atom'): boolean {
  const accept = request.headers.accept;
  if (!accept?.includes('text/html')) return false;
  return new Negotiator({ headers: { accept } }).mediaType([FEED_FORMATS[format].type, 'application/xml', 'text/xml', 'text/html']) === 'text/html';
}

/** `mining.rss` -> { slug: 'mining', format: 'rss' }; null when the extension is not a feed format. */
function splitFile(file: string): { slug: string; format: FeedFormat } | { slug: string; format: null; extension: string } {
  const dot = file.lastIndexOf('.');
  const slug = dot < 0 ? file : file.slice(0, dot);
  const extension = dot < 0 ? '' : file.slice(dot + 1);
  return (FORMATS as string[]).includes(extension) ? { slug, format: extension as FeedFormat } : { slug, format: null, extension };
}

/** `?limit=`: 1–100, default 20. */
function parseLimit(query: unknown): number | string {
  const raw = (query as Record<string, unknown>).limit;
  if (raw === undefined) return DEFAULT_FEED_LIMIT;
  const text = Array.isArray(raw) ? raw.join(',') : String(raw);
  const limit = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(limit >= 1 && limit <= MAX_FEED_LIMIT)) return `limit must be a whole number from 1 to ${MAX_FEED_LIMIT} (default ${DEFAULT_FEED_LIMIT}), got "${text}"`;
  return limit;
}

/**
 * GET /feeds/<channel>.rss|.atom|.json, /feeds/<topic|organisation|place|person>/<slug>.rss|.atom|.json
 * (RSS and Atom to a browser as a page, feed.page.ts, at the same URL: see wantsPage) and the
 * article pages they link to, GET /articles/<slug>. Every answer may be cached publicly
 * (PUBLIC_CACHE) and carries an ETag; a request with a matching If-None-Match gets 304. The ETag
 * plugin is registered in this plugin's scope only: /graphql keeps its own caching rules.
 */
export const feedRoutes: FastifyPluginAsync<FeedOptions> = async (app, { state, originOf }) => {
  // The plugin makes the ETag; the 304 is decided here, by RFC 9110's weak comparison over every tag
  // of If-None-Match (caches may send several), as /graphql decides it.
  await app.register(fastifyEtag, { replyWith304: false });
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    const etag = reply.getHeader('etag');
    if (typeof etag !== 'string' || !matchesEtag(request.headers['if-none-match'], etag)) return payload;
    reply.code(304);
    return '';
  });

  // Unexpected errors are logged in full and answered without their details.
  app.setErrorHandler((error, request, reply) => {
    if ((error as { statusCode?: number }).statusCode !== undefined && (error as { statusCode: number }).statusCode < 500) return reply.send(error);
    request.log.error({ err: error }, 'feed or article page failed');
    return reply.code(500).type('text/plain; charset=utf-8').send('Internal server error\n');
  });

  app.addHook('onRequest', async (_request, reply) => {
    // Any site may read feeds and pages; messages that echo the URL stay the text they are declared as.
    reply.header('access-control-allow-origin', '*').header('x-content-type-options', 'nosniff');
    if (state.ready && state.sql) return;
    return reply.code(503).header('retry-after', '1').type(TEXT).send('Quipu is starting; try again shortly.\n');
  });

  const notFound = (reply: FastifyReply, message: string) => reply.code(404).header('cache-control', 'public, max-age=60').type(TEXT).send(`${message}\n`);

  async function sendFeed(request: FastifyRequest, reply: FastifyReply, target: FeedTarget, file: string, what: string) {
    const parts = splitFile(file);
    if (parts.format === null) {
      return notFound(reply, `Unknown feed format ".${parts.extension}" in ${request.url.split('?')[0]}: use .rss (RSS 2.0), .atom (Atom 1.0) or .json (JSON Feed 1.1).`);
    }
    const limit = parseLimit(request.query);
    if (typeof limit === 'string') return reply.code(400).type(TEXT).send(`${limit}\n`);
    const origin = originOf(request);
    const resolved: FeedTarget = 'channel' in target ? { channel: parts.slug } : { subject: target.subject, slug: parts.slug };
    const content = await fetchFeedContent(state.sql!, origin, resolved, limit);
    if (!content)
      return notFound(
        reply,
        `No ${what} "${parts.slug}". ${'channel' in target ? 'List the channels with the GraphQL query { channels { slug } }.' : `List them with the GraphQL query { ${target.subject === 'person' ? 'people' : `${target.subject}s`} { nodes { slug } } }.`}`,
      );
    const self = feedUrl(origin, resolved, parts.format) + (limit === DEFAULT_FEED_LIMIT ? '' : `?limit=${limit}`);
    const explore = new URLSearchParams(content.explore).toString();
    const id = 'channel' in resolved ? `urn:quipu:feed:channel:${resolved.channel}` : `urn:quipu:feed:${resolved.subject}:${resolved.slug}`;
    const home = `${origin}/explore${explore ? `?${explore}` : ''}`;
    reply.header('cache-control', PUBLIC_CACHE);
    if (parts.format === 'json') return reply.type(FEED_CONTENT_TYPES.json).send(renderFeed('json', content, { selfUrl: self, homeUrl: home, id }));
    // The page and the feed differ by Accept alone, so caches must key on it. Each carries the ETag
    // of its own bytes (the ETag plugin hashes what is sent), so one never revalidates the other.
    reply.header('vary', 'accept');
    if (wantsPage(request, parts.format)) {
      return reply
        .header('content-security-policy', PAGE_POLICY)
        .type(HTML)
        .send(renderFeedPage(content, { selfUrl: self, homeUrl: home, origin, target: resolved }));
    }
    return reply
      .header('content-security-policy', XML_FEED_POLICY)
      .type(FEED_CONTENT_TYPES[parts.format])
      .send(renderFeed(parts.format, content, { selfUrl: self, homeUrl: home, id }));
  }

  // A static path: Fastify matches it before /feeds/:file, which would take it for a feed named "feed".
  app.get(FEED_STYLESHEET_PATH, (_request, reply) => reply.header('cache-control', PUBLIC_CACHE).type(FEED_STYLESHEET_TYPE).send(FEED_STYLESHEET));

  app.get<{ Params: { file: string } }>('/feeds/:file', (request, reply) => sendFeed(request, reply, { channel: '' }, request.params.file, 'channel'));

  app.get<{ Params: { subject: string; file: string } }>('/feeds/:subject/:file', (request, reply) => {
    const { subject, file } = request.params;
    if (!(FEED_SUBJECTS as readonly string[]).includes(subject)) {
      return notFound(reply, `No feeds of "${subject}": feeds are /feeds/<channel>.<format> and /feeds/<${FEED_SUBJECTS.join('|')}>/<slug>.<format>.`);
    }
    return sendFeed(request, reply, { subject: subject as FeedSubject, slug: '' }, file, subject);
  });

  app.get<{ Params: { slug: string } }>('/articles/:slug', async (request, reply) => {
    const origin = originOf(request);
    const article = await readArticlePageData(state.sql!, origin, request.params.slug);
    reply.header('content-security-policy', PAGE_POLICY);
    if (!article) return reply.code(404).header('cache-control', 'public, max-age=60').type(HTML).send(renderNotFoundPage(request.params.slug));
    return reply.header('cache-control', PUBLIC_CACHE).type(HTML).send(renderArticlePage(origin, article));
  });
};
