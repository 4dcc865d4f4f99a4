import { createHash } from 'node:crypto';
import path from 'node:path';
import { type BundledFile, bundleForBrowsers, runBundler } from '../static/bundle';
import { readDocumentedOperations } from './operations';
import { operationsDir, publicDir, webDir } from './paths';

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
  return bundleForBrowsers(outDir, {
    entryPoints: { graphiql: path.join(webDir, 'graphiql.tsx'), 'graphiql-styles': path.join(webDir, 'graphiql.css') },
    jsx: 'automatic',
    // GraphiQL titles its icons after their components' function names ("prettify icon"):
    // minified names would make them "nue icon".
    keepNames: true,
    define: {
      'process.env.NODE_ENV': '"production"',
      QUIPU_TABS: JSON.stringify(tabs),
      QUIPU_TABS_VERSION: JSON.stringify(version),
    },
    html: path.join(webDir, 'index.html'),
  });
}

if (require.main === module) runBundler('graphiql', () => bundleGraphiQL());
