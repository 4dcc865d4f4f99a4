import path from 'node:path';

// The same relative paths work from src/graphiql (tests) and dist/graphiql (the built server).

/** GraphiQL's browser code: the TypeScript entry, styles and the HTML page. */
export const webDir = path.resolve(__dirname, '../../web/graphiql');
/** The documented operations, which become GraphiQL's tabs. */
export const operationsDir = path.resolve(__dirname, '../../schema/operations');
/** Where `npm run build` writes the bundled page, and where the server reads it from. */
export const publicDir = path.resolve(__dirname, '../../dist/public/graphiql');
