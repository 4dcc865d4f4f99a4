import path from 'node:path';

// The same relative paths work from src/embed (tests) and dist/embed (the built server).

/** The widget's browser code and the stylesheet it shares with the iframe page. */
export const webDir = path.resolve(__dirname, '../../web/embed');
/** Where `npm run build` writes embed.js (and its gzip twin) and the minified stylesheet. */
export const publicDir = path.resolve(__dirname, '../../dist/public/embed');
