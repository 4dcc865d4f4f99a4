import path from 'node:path';
import { type BundledFile, bundleForBrowsers, runBundler } from '../static/bundle';
import { publicDir, webDir } from './paths';

/**
 * Bundles the explorer page at build time: the TypeScript and its libraries into one script, the
 * styles (with the chart library's) into one stylesheet, and the HTML copied beside them. Nothing is
 * left to load from the internet at run time. Licence comments of the bundled libraries are kept at
 * the end of each file. Each asset also gets a gzip twin, as the server does not compress on the fly.
 */
export async function bundleExplorer(outDir = publicDir): Promise<BundledFile[]> {
  return bundleForBrowsers(outDir, {
    entryPoints: { explore: path.join(webDir, 'explore.ts'), 'explore-styles': path.join(webDir, 'explore.css') },
    html: path.join(webDir, 'index.html'),
  });
}

if (require.main === module) runBundler('explore', () => bundleExplorer());
