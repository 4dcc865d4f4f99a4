import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { transform } from 'esbuild';
import { bundleForBrowsers, runBundler } from '../static/bundle';
import { EMBED_CHANNEL_QUERY, EMBED_CHANNEL_QUERY_HASH, HEIGHT_MESSAGE, HEIGHT_REQUEST, LIMIT } from './embed-operation';
import { publicDir, webDir } from './paths';

/** What the bundler wrote: the widget's script, raw and gzipped, and the stylesheet. */
export interface EmbedBundle {
  bytes: number;
  gzipBytes: number;
  cssBytes: number;
}

/**
 * Bundles the widget at build time: web/embed/embed.ts, minified, with the stylesheet, the
 * operation and its hash written in, into dist/public/embed/embed.js and a gzip twin (the server
 * does not compress on the fly). The minified stylesheet is also written alone, for the iframe page.
 */
export async function bundleEmbed(outDir = publicDir): Promise<EmbedBundle> {
  await mkdir(outDir, { recursive: true });
  const css = (await transform(await readFile(path.join(webDir, 'embed.css'), 'utf8'), { loader: 'css', minify: true })).code.trim();
  await writeFile(path.join(outDir, 'embed.css'), css);
  const [script] = await bundleForBrowsers(outDir, {
    entryPoints: [path.join(webDir, 'embed.ts')],
    outfile: path.join(outDir, 'embed.js'),
    define: {
      QUIPU_EMBED_QUERY: JSON.stringify(EMBED_CHANNEL_QUERY),
      QUIPU_EMBED_QUERY_HASH: JSON.stringify(EMBED_CHANNEL_QUERY_HASH),
      QUIPU_EMBED_CSS: JSON.stringify(css),
      QUIPU_HEIGHT_MESSAGE: JSON.stringify(HEIGHT_MESSAGE),
      QUIPU_HEIGHT_REQUEST: JSON.stringify(HEIGHT_REQUEST),
      QUIPU_LIMIT: JSON.stringify(LIMIT),
    },
    legalComments: 'none',
  });
  return { bytes: script.bytes, gzipBytes: script.gzipBytes, cssBytes: Buffer.byteLength(css) };
}

if (require.main === module) runBundler('embed', async () => [{ file: 'embed.js', ...(await bundleEmbed()) }]);
