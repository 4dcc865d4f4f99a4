import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CHANNEL_SLUG } from '../channel/channel.seed';
import { matchesEtag } from '../core/etag';
import type { Sql } from '../db/sql';
import { feedLinks } from '../feed/feed-links';
import { readBundled as readBundledIn } from '../static/assets';
import { renderEmbedPage, renderProblemPage, renderUnknownChannelPage } from './embed.page';
import { EmbedParamError, embedPageUrl, parseHeading, parseLanguage, parseLimit, parseParentOrigin } from './embed.params';
import { fetchChannelChoices, fetchEmbedChannel } from './embed.query';
import { CACHE_AGE, oembedResponse, parseOembedRequest } from './oembed';
import { publicDir, webDir } from './paths';

/** What the embeds need from start-up (the server's AppState): the database, and whether it is ready. */
export interface EmbedState {
  sql: Sql | null;
  ready: boolean;
}

export interface EmbedOptions {
  state: EmbedState;
  /** The public origin the embeds' URLs are made on (PUBLIC_URL, or the request's own), as for Article.url. */
  origin(request: FastifyRequest): string;
}

type Query = Record<string, string | string[] | undefined>;

/**
 * The script's URL carries no version, so a day is the longest a browser may keep it unasked; after
 * that it revalidates (ETag), and a stale copy may serve a week while it does.
 */
const SCRIPT_CACHE = 'public, max-age=86400, stale-while-revalidate=604800';
/** The iframe page and oEmbed change when news is ingested: as the feeds, five minutes. */
const PAGE_CACHE = `public, max-age=300, s-maxage=300, stale-while-revalidate=${CACHE_AGE}`;

/**
 * GET /embed.js (the <quipu-news> widget), GET /embed/<channel> (the same list as an iframe page)
 * and GET /oembed (oEmbed 1.0 for those pages). All three may be used from any origin.
 */
export const embedPlugin: FastifyPluginAsync<EmbedOptions> = async (app, { state, origin: originOf }) => {
  app.addHook('onRequest', async (_request, reply) => {
    // Pages and errors echo parts of the URL (escaped): a browser must read them as what they say they are.
    reply.header('access-control-allow-origin', '*').header('x-content-type-options', 'nosniff');
  });

  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    if (!(error instanceof EmbedParamError)) {
      request.log.error({ err: error }, 'embed failed');
      return reply.code(500).type('text/plain; charset=utf-8').send('Internal server error\n');
    }
    if (request.routeOptions.url === '/oembed') {
      const { parameter, value, allowed } = error;
      const code = error.status === 404 ? 'NOT_FOUND' : 'BAD_USER_INPUT';
      return reply.code(error.status).send({ errors: [{ message: error.message, extensions: { code, parameter, value, allowed } }] });
    }
    const { html, csp } = renderProblemPage(await stylesheet(), 'This list cannot be shown', error.message);
    return reply.code(error.status).type('text/html; charset=utf-8').header('content-security-policy', csp).send(html);
  });

  app.get('/embed.js', async (request, reply) => {
    const script = await readBundled('embed.js');
    if (script === null) return reply.code(503).type('text/plain; charset=utf-8').send('The widget is not built yet: run `npm run build`.\n');
    reply.type('text/javascript; charset=utf-8').header('cache-control', SCRIPT_CACHE).header('vary', 'accept-encoding').header('cross-origin-resource-policy', 'cross-origin');
    // One weak ETag for both encodings: the same script (a strong one would have to differ by encoding).
    if (notModified(request, reply, `W/${etagOf(script)}`)) return reply.code(304).send();
    const gzipped = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') ? await readBundled('embed.js.gz') : null;
    if (gzipped !== null) return reply.header('content-encoding', 'gzip').send(gzipped);
    return reply.send(script);
  });

  const whenReady = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (state.ready && state.sql) return;
    return reply.code(503).header('retry-after', '1').type('text/plain; charset=utf-8').send('Quipu is starting; try again shortly.\n');
  };

  app.get<{ Params: { channel: string } }>('/embed/:channel', { onRequest: whenReady }, async (request, reply) => {
    const query = request.query as Query;
    const limit = parseLimit(query);
    const heading = parseHeading(query);
    const language = parseLanguage(query);
    parseParentOrigin(query); // checked here; the page's script reads it from its own URL
    const slug = request.params.channel;
    const origin = originOf(request);
    const channel = CHANNEL_SLUG.test(slug) ? await fetchEmbedChannel(state.sql!, origin, slug, limit) : null;
    if (!channel) {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const page = renderUnknownChannelPage(await stylesheet(), slug, await fetchChannelChoices(state.sql!, origin), origin, search, language);
      return reply.code(404).type('text/html; charset=utf-8').header('content-security-policy', page.csp).header('cache-control', 'public, max-age=60').send(page.html);
    }
    const pageUrl = embedPageUrl(origin, slug, { limit: query.limit ? limit : undefined, language: query.lang ? language : undefined });
    const { html, csp } = renderEmbedPage({
      channel,
      heading,
      language,
      css: await stylesheet(),
      oembedUrl: `${origin}/oembed?url=${encodeURIComponent(pageUrl)}&format=json`,
      feedLinks: feedLinks(origin, channel.slug, channel.title),
    });
    reply.type('text/html; charset=utf-8').header('content-security-policy', csp).header('cache-control', PAGE_CACHE);
    if (notModified(request, reply, etagOf(html))) return reply.code(304).send();
    return reply.send(html);
  });

  app.get('/oembed', { onRequest: whenReady }, async (request, reply) => {
    const origin = originOf(request);
    const oembed = parseOembedRequest(request.query as Query, origin);
    const channel = await fetchEmbedChannel(state.sql!, origin, oembed.channel, 1);
    if (!channel) {
      throw new EmbedParamError('url', oembed.embedUrl, 'the embed page of a channel', `url names no channel: there is no channel "${oembed.channel}"`, 404);
    }
    const body = JSON.stringify(oembedResponse(oembed, origin, channel.title));
    reply.type('application/json; charset=utf-8').header('cache-control', PAGE_CACHE);
    if (notModified(request, reply, etagOf(body))) return reply.code(304).send();
    return reply.send(body);
  });
};

const etagOf = (body: string | Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Sets the ETag; true when the request's If-None-Match already has it (answer 304). */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  return matchesEtag(request.headers['if-none-match'], etag);
}

let css: string | undefined;

/** The minified stylesheet the build writes, or the source when the widget was never built. */
async function stylesheet(): Promise<string> {
  if (css !== undefined) return css;
  css = (await readBundled('embed.css'))?.toString('utf8') ?? (await readFile(path.join(webDir, 'embed.css'), 'utf8'));
  return css;
}

const readBundled = (file: string) => readBundledIn(publicDir, file);
