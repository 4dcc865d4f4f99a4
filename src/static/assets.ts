import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** A file the build wrote into `dir`, or null when there is none (the page was not built). */
export async function readBundled(dir: string, file: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Serves a page's bundled assets at `<prefix>/:file`: only the files listed in `assets` (name ->
 * content type), gzipped when the client takes gzip, revalidated on every use (`no-cache`: the
 * names do not change between builds). `what` names the page in 404 texts.
 */
export function serveBundledAssets(app: FastifyInstance, options: { prefix: string; dir: string; assets: Readonly<Record<string, string>>; what: string }): void {
  const { prefix, dir, assets, what } = options;
  app.get<{ Params: { file: string } }>(`${prefix}/:file`, async (request, reply) => {
    const { file } = request.params;
    const type = Object.hasOwn(assets, file) ? assets[file] : undefined;
    if (!type) return reply.code(404).type('text/plain; charset=utf-8').send(`No ${what} asset "${file}".\n`);
    reply.type(type).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    const gzipped = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') ? await readBundled(dir, `${file}.gz`) : null;
    if (gzipped !== null) return reply.header('content-encoding', 'gzip').send(gzipped);
    const body = await readBundled(dir, file);
    if (body === null) return reply.code(404).type('text/plain; charset=utf-8').send(`No ${what} asset "${file}": run \`npm run build\`.\n`);
    return reply.send(body);
  });
}
