import path from 'node:path';

// The same relative paths work from src/desk (tests) and dist/desk (the built server).

/** The desk page's browser code: TypeScript, styles and the HTML page. */
export const webDir = path.resolve(__dirname, '../../web/desk');
/** Where `npm run build` writes the bundled page, and where the server reads it from. */
export const publicDir = path.resolve(__dirname, '../../dist/public/desk');
