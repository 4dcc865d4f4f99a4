import type { FastifyPluginAsync } from 'fastify';
import { readBundled, serveBundledAssets } from '../static/assets';
import { publicDir } from './paths';

const ASSETS: Record<string, string> = {
  'desk.js': 'text/javascript; charset=utf-8',
  'desk-styles.css': 'text/css; charset=utf-8',
};

/** Its own code and this server only; never framed (its buttons write). */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the editors' desk at GET /desk and its bundled assets at /desk/assets/<file>, from the bundle
 * `npm run build` writes. The page holds no data: it reads and writes through /graphql with the
 * editor's key. Without a bundle, /desk answers 503 and says how to make one.
 */
export const deskPlugin: FastifyPluginAsync = async (app) => {
  app.get('/desk', async (_request, reply) => {
    const html = await readBundled(publicDir, 'index.html');
    if (html === null) return reply.code(503).type('text/plain; charset=utf-8').send('The desk is not built yet: run `npm run build`.\n');
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .header('referrer-policy', 'no-referrer')
      .send(html);
  });
  serveBundledAssets(app, { prefix: '/desk/assets', dir: publicDir, assets: ASSETS, what: 'desk' });
};
