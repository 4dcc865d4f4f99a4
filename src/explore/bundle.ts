import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { publicDir, webDir } from './paths';

/** One file of the bundle with its size in bytes. */
export interface BundledFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Bundles the explorer page at build time: the TypeScript and its libraries into one script, the
 * styles (with the chart library's) into one stylesheet, and the HTML copied beside them. Nothing is
 * left to load from the internet at run time. Licence comments of the bundled libraries are kept at
 * the end of each file. Each asset also gets a gzip twin, as the server does not compress on the fly.
 */
export async function bundleExplorer(outDir = publicDir): Promise<BundledFile[]> {
  const result = await build({
    entryPoints: { explore: path.join(webDir, 'explore.ts'), 'explore-styles': path.join(webDir, 'explore.css') },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  await copyFile(path.join(webDir, 'index.html'), path.join(outDir, 'index.html'));
  const files: BundledFile[] = [];
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const gzipped = gzipSync(await readFile(file), { level: 9 });
    await writeFile(`${file}.gz`, gzipped);
    files.push({ file: path.basename(file), bytes: output.bytes, gzipBytes: gzipped.length });
  }
  return files;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (require.main === module) {
  bundleExplorer().then(
    (files) => {
      for (const { file, bytes, gzipBytes } of files) console.log(`explore: ${file} ${kib(bytes)} (gzip ${kib(gzipBytes)})`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
