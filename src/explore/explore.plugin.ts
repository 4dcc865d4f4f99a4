import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { listChannels } from '../channel/channel.loaders';
import type { Sql } from '../db/sql';
import { alternateLinks, FEED_SUBJECTS, feedLinks } from '../feed/feed-links';
import { readBundled as readBundledIn, serveBundledAssets } from '../static/assets';
import { publicDir } from './paths';

/** The files of the bundle the page may ask for, and how to serve them. */
const ASSETS: Record<string, string> = {
  'explore.js': 'text/javascript; charset=utf-8',
  'explore-styles.css': 'text/css; charset=utf-8',
};

/**
 * The page and its own code only: scripts, styles and data come from this server, so the page works
 * offline and a stray injected tag cannot load anything from elsewhere.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** What the page's feed links need: the database (for the channels) and each request's public origin. */
export interface ExploreOptions {
  state?: { sql: Sql | null; ready: boolean };
  originOf?(request: FastifyRequest): string;
}

/** Where index.html takes the feeds' `<link rel="alternate">` tags. */
const FEEDS_MARKER = /<!--quipu:feeds.*?-->/;

const ENTITY_PARAMS = FEED_SUBJECTS;

/**
 * Feed autodiscovery: when the view is exactly one topic, organisation, place or person (one such
 * parameter, no search, dates or second entity), that entity's feeds first (marked data-feed="entity": the page
 * replaces them as the view changes, web/explore/feeds.ts); then every channel's feeds, the site's.
 */
async function feedTags(request: FastifyRequest, options: ExploreOptions): Promise<string> {
  const { state, originOf } = options;
  if (!state?.ready || !state.sql || !originOf) return '';
  const origin = originOf(request);
  const query = request.query as Record<string, string | string[] | undefined>;
  const given = ENTITY_PARAMS.flatMap((param) => [query[param] ?? []].flat().map((slug) => ({ param, slug })));
  const tags: string[] = [];
  const narrowed = ['search', 'q', 'from', 'to', ...ENTITY_PARAMS.map((param) => `${param}.all`)].some((name) => query[name] !== undefined);
  if (given.length === 1 && !narrowed && /^[a-z0-9-]{1,100}$/.test(given[0].slug)) {
    const { param, slug } = given[0];
    tags.push(alternateLinks(origin, { subject: param, slug }, `Quipu: ${param} ${slug}`).replace(/<link /g, '<link data-feed="entity" '));
  }
  for (const channel of await listChannels(state.sql)) tags.push(feedLinks(origin, channel.slug, `Quipu: ${channel.title}`));
  return tags.join('\n');
}

/**
 * Serves the explorer at GET /explore and its bundled assets at /explore/assets/<file>, from the
 * bundle `npm run build` writes. Without a bundle, /explore answers 503 and says how to make one.
 */
export const explorePlugin: FastifyPluginAsync<ExploreOptions> = async (app, options) => {
  app.get('/explore', async (request, reply) => {
    const html = await readBundled('index.html');
    if (html === null) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The explorer is not built yet: run `npm run build`.\n');
    }
    const tags = await feedTags(request, options);
    const page = html.toString('utf8').replace(FEEDS_MARKER, () => tags);
    return reply.type('text/html; charset=utf-8').header('content-security-policy', CONTENT_SECURITY_POLICY).header('cache-control', 'no-cache').send(page);
  });

  serveBundledAssets(app, { prefix: '/explore/assets', dir: publicDir, assets: ASSETS, what: 'explorer' });
};

const readBundled = (file: string) => readBundledIn(publicDir, file);
