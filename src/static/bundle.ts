import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';

/** One file of a bundle with its size in bytes, raw and gzipped. */
export interface BundledFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The browsers the pages are written for. */
export const BROWSER_TARGETS = ['es2020', 'chrome100', 'firefox100', 'safari15'];

/**
 * Bundles browser code at build time with the settings every page shares (one minified script
 * per entry, nothing left to load from the internet at run time), copies the page's HTML beside it
 * when there is one, and writes a gzip twin of each output, as the server does not compress on the
 * fly. `options` adds the entry points and what differs (defines, JSX, licence comments).
 */
export async function bundleForBrowsers(outDir: string, options: BuildOptions & { html?: string }): Promise<BundledFile[]> {
  const { html, ...esbuildOptions } = options;
  await mkdir(outDir, { recursive: true });
  const result = await build({
    bundle: true,
    minify: true,
    format: 'iife',
    target: BROWSER_TARGETS,
    legalComments: 'eof',
    logLevel: 'warning',
    ...(esbuildOptions.outfile ? {} : { outdir: outDir }),
    ...esbuildOptions,
    metafile: true,
  });
  if (html) await copyFile(html, path.join(outDir, path.basename(html)));
  const files: BundledFile[] = [];
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const gzipped = gzipSync(await readFile(file), { level: 9 });
    await writeFile(`${file}.gz`, gzipped);
    files.push({ file: path.basename(file), bytes: output.bytes, gzipBytes: gzipped.length });
  }
  return files;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Runs a bundler as the build script does (`node dist/<page>/bundle.js`): prints each file's size, exits 1 on failure. */
export function runBundler(label: string, bundler: () => Promise<BundledFile[]>): void {
  bundler().then(
    (files) => {
      for (const { file, bytes, gzipBytes } of files) console.log(`${label}: ${file} ${kib(bytes)} (gzip ${kib(gzipBytes)})`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
