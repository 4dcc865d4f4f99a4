import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
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
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the explorer at GET /explore and its bundled assets at /explore/assets/<file>, from the
 * bundle `npm run build` writes. Without a bundle, /explore answers 503 and says how to make one.
 */
export const explorePlugin: FastifyPluginAsync = async (app) => {
  app.get('/explore', async (_request, reply) => {
    const html = await readBundled('index.html');
    if (html === null) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The explorer is not built yet: run `npm run build`.\n');
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', CONTENT_SECURITY_POLICY).header('cache-control', 'no-cache').send(html);
  });

  app.get<{ Params: { file: string } }>('/explore/assets/:file', async (request, reply) => {
    const { file } = request.params;
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return reply.code(404).type('text/plain; charset=utf-8').send(`No explorer asset "${file}".\n`);
    reply.type(type).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    const gzipped = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') ? await readBundled(`${file}.gz`) : null;
    if (gzipped !== null) return reply.header('content-encoding', 'gzip').send(gzipped);
    const body = await readBundled(file);
    if (body === null) return reply.code(404).type('text/plain; charset=utf-8').send(`No explorer asset "${file}": run \`npm run build\`.\n`);
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
