import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
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
  if (!accept || !accept.includes('text/html')) return false;
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
  app.get<{ Params: { file: string } }>('/graphiql/assets/:file', async (request, reply) => {
    const { file } = request.params;
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return reply.code(404).type('text/plain; charset=utf-8').send(`No GraphiQL asset "${file}".\n`);
    reply.type(type).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    const gzipped = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') ? await readBundled(`${file}.gz`) : null;
    if (gzipped !== null) return reply.header('content-encoding', 'gzip').send(gzipped);
    const body = await readBundled(file);
    if (body === null) return reply.code(404).type('text/plain; charset=utf-8').send(`No GraphiQL asset "${file}": run \`npm run build\`.\n`);
    return reply.send(body);
  });
};

async function readBundled(file: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(publicDir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
