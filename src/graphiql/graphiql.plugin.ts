import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { readBundled as readBundledIn, serveBundledAssets } from '../static/assets';
import { publicDir } from './paths';

/** The files of the bundle the page may ask for, and how to serve them. */
const ASSETS: Record<string, string> = {
  'graphiql.js': 'text/javascript; charset=utf-8',
  'graphiql-styles.css': 'text/css; charset=utf-8',
};

/**
 * Scripts, styles, fonts and data come from this server only, so the page works offline and a stray
 * injected tag cannot load anything from elsewhere. Styles may also be inline: GraphiQL's dialogs
 * (Radix) add a <style> element while open. Fonts are data: URLs inside the stylesheet.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** What a GET /graphql may ask for: a GraphQL response in JSON, or the page. JSON first, so Accept: * / * stays GraphQL. */
const TYPES = ['application/graphql-response+json', 'application/json', 'text/html'];

/**
 * Whether a GET /graphql is a browser opening the URL: no `query` or `extensions` parameter (so no
 * GraphQL request, persisted or not) and an Accept header that prefers HTML to JSON.
 */
export function wantsGraphiQL(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  if (query && (query.query !== undefined || query.extensions !== undefined)) return false;
  const accept = request.headers.accept;
  if (!accept?.includes('text/html')) return false;
  return new Negotiator({ headers: { accept } }).mediaType(TYPES) === 'text/html';
}

/** Answers with the GraphiQL page, or 503 saying how to build it when there is no bundle. */
export async function sendGraphiQL(reply: FastifyReply): Promise<FastifyReply> {
  reply.header('vary', 'accept');
  const html = await readBundled('index.html');
  if (html === null) {
    return reply.code(503).type('text/plain; charset=utf-8').send('GraphiQL is not built yet: run `npm run build`.\n');
  }
  return reply.type('text/html; charset=utf-8').header('content-security-policy', CONTENT_SECURITY_POLICY).header('cache-control', 'no-cache').send(html);
}

/**
 * Serves GraphiQL's bundled assets at /graphiql/assets/<file>, from the bundle `npm run build`
 * writes. The page itself is GET /graphql from a browser (`wantsGraphiQL`, `sendGraphiQL`).
 */
export const graphiqlPlugin: FastifyPluginAsync = async (app) => {
  serveBundledAssets(app, { prefix: '/graphiql/assets', dir: publicDir, assets: ASSETS, what: 'GraphiQL' });
};

const readBundled = (file: string) => readBundledIn(publicDir, file);
