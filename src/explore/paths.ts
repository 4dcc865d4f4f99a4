import path from 'node:path';

// The same relative paths work from src/explore (tests) and dist/explore (the built server).

/** The explorer's browser code: TypeScript, styles and the HTML page. */
export const webDir = path.resolve(__dirname, '../../web/explore');
/** Where `npm run build` writes the bundled page, and where the server reads it from. */
export const publicDir = path.resolve(__dirname, '../../dist/public/explore');
