import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
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
  const result = await build({
    entryPoints: [path.join(webDir, 'embed.ts')],
    outfile: path.join(outDir, 'embed.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    define: {
      QUIPU_EMBED_QUERY: JSON.stringify(EMBED_CHANNEL_QUERY),
      QUIPU_EMBED_QUERY_HASH: JSON.stringify(EMBED_CHANNEL_QUERY_HASH),
      QUIPU_EMBED_CSS: JSON.stringify(css),
      QUIPU_HEIGHT_MESSAGE: JSON.stringify(HEIGHT_MESSAGE),
      QUIPU_HEIGHT_REQUEST: JSON.stringify(HEIGHT_REQUEST),
      QUIPU_LIMIT: JSON.stringify(LIMIT),
    },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const script = await readFile(path.join(outDir, 'embed.js'));
  const gzipped = gzipSync(script, { level: 9 });
  await writeFile(path.join(outDir, 'embed.js.gz'), gzipped);
  const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? script.length;
  return { bytes, gzipBytes: gzipped.length, cssBytes: Buffer.byteLength(css) };
}

if (require.main === module) {
  bundleEmbed().then(
    ({ bytes, gzipBytes }) => console.log(`embed: embed.js ${(bytes / 1024).toFixed(1)} KiB (gzip ${(gzipBytes / 1024).toFixed(1)} KiB)`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
