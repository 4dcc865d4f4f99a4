import fastifyEtag from '@fastify/etag';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { matchesEtag } from '../core/etag';
import type { Sql } from '../db/sql';
import { readArticlePageData, renderArticlePage, renderNotFoundPage } from './article.page';
import { DEFAULT_FEED_LIMIT, fetchFeedContent, MAX_FEED_LIMIT } from './feed.data';
import { FEED_CONTENT_TYPES, renderFeed } from './feed.formats';
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
 * The policy of an RSS or Atom feed, which a browser shows through the XSL stylesheet: the
 * stylesheet from this server (browsers load XSLT as a script, so under `script-src`), its one
 * inline style, and nothing else. A feed reader ignores it.
 *
 * One more script may run: Chromium, which is phasing XSLT out, lays a banner over every page made
 * by XSLT, and the banner's close button is an inline handler. Allowed by its hash (and only that
 * exact text, `this.getRootNode().host.remove();`), so a reader can close the banner; without it
 * the banner stays over the feed's title and the refusal is logged as an error.
 */
const XML_FEED_POLICY =
  "default-src 'none'; script-src 'self' 'unsafe-hashes' 'sha256-TXA+6usvAyONGFuiE99/kgV7JxYXAtQaottQ4sJDSIw='; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Article pages: their one inline style, no script, nothing from elsewhere. */
const ARTICLE_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The media type to send an RSS or Atom feed as. A browser opening the feed (its Accept prefers
 * HTML to the feed's type) gets `application/xml`: browsers show `application/rss+xml` and
 * `application/atom+xml` as plain text and never apply the stylesheet. Anyone else, feed readers
 * and `Accept: * / *` included, gets the feed's own type. The bytes are the same either way.
 */
function xmlFeedType(request: FastifyRequest, format: 'rss' | 'atom'): string {
  const accept = request.headers.accept;
  const browser = accept?.includes('text/html') && new Negotiator({ headers: { accept } }).mediaType([FEED_FORMATS[format].type, 'text/html']) === 'text/html';
  return browser ? 'application/xml; charset=utf-8' : FEED_CONTENT_TYPES[format];
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
 * and the article pages they link to, GET /articles/<slug>. Every answer may be cached publicly
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
    const body = renderFeed(parts.format, content, { selfUrl: self, homeUrl: `${origin}/explore${explore ? `?${explore}` : ''}`, id });
    reply.header('cache-control', PUBLIC_CACHE);
    if (parts.format === 'json') return reply.type(FEED_CONTENT_TYPES.json).send(body);
    return reply.header('vary', 'accept').header('content-security-policy', XML_FEED_POLICY).type(xmlFeedType(request, parts.format)).send(body);
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
    reply.header('content-security-policy', ARTICLE_PAGE_POLICY);
    if (!article) return reply.code(404).header('cache-control', 'public, max-age=60').type('text/html; charset=utf-8').send(renderNotFoundPage(request.params.slug));
    return reply.header('cache-control', PUBLIC_CACHE).type('text/html; charset=utf-8').send(renderArticlePage(origin, article));
  });
};
