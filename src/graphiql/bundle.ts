import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { readDocumentedOperations } from './operations';
import { operationsDir, publicDir, webDir } from './paths';

/** One file of the bundle with its size in bytes. */
export interface BundledFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

const AUDIENCES: Record<string, string> = { frontend: 'For frontend developers', partner: 'For partner sites', analyst: 'For analysts' };

/** GraphiQL's tabs: one per documented operation, with its comment and example variables. */
export function graphiqlTabs(dir = operationsDir): { query: string; variables: string }[] {
  return readDocumentedOperations(dir).map(({ audience, source, variables }) => ({
    query: `# ${AUDIENCES[audience] ?? audience} (schema/operations/${audience}.graphql)\n${source}\n`,
    variables: JSON.stringify(variables, null, 2),
  }));
}

/**
 * Bundles GraphiQL at build time: React, GraphiQL and the page's code into one script, GraphiQL's
 * styles (with their fonts inlined) into one stylesheet, the HTML copied beside them, and the
 * documented operations put in as its tabs. Nothing is left to load from the internet at run time.
 * Each asset also gets a gzip twin, as the server does not compress on the fly.
 */
export async function bundleGraphiQL(outDir = publicDir): Promise<BundledFile[]> {
  const tabs = graphiqlTabs();
  const version = createHash('sha256').update(JSON.stringify(tabs)).digest('hex').slice(0, 12);
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: { graphiql: path.join(webDir, 'graphiql.tsx'), 'graphiql-styles': path.join(webDir, 'graphiql.css') },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    define: {
      'process.env.NODE_ENV': '"production"',
      QUIPU_TABS: JSON.stringify(tabs),
      QUIPU_TABS_VERSION: JSON.stringify(version),
    },
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
  bundleGraphiQL().then(
    (files) => {
      for (const { file, bytes, gzipBytes } of files) console.log(`graphiql: ${file} ${kib(bytes)} (gzip ${kib(gzipBytes)})`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
