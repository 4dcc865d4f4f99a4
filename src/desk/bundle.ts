import path from 'node:path';
import { type BundledFile, bundleForBrowsers, runBundler } from '../static/bundle';
import { publicDir, webDir } from './paths';

/** Bundles the desk page at build time: its TypeScript into one script, its stylesheet, and the HTML beside them. */
export async function bundleDesk(outDir = publicDir): Promise<BundledFile[]> {
  return bundleForBrowsers(outDir, {
    entryPoints: { desk: path.join(webDir, 'desk.ts'), 'desk-styles': path.join(webDir, 'desk.css') },
    html: path.join(webDir, 'index.html'),
  });
}

if (require.main === module) runBundler('desk', () => bundleDesk());
