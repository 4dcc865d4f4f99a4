/**
 * Builds the example topic page (esbuild: the page's TypeScript and the typed client into one
 * script) and serves it as static files from its own port, as a partner site would.
 *
 *   npm run example    # the page at http://localhost:4001/?topic=mining, against http://localhost:4000/graphql
 *
 * PORT sets the page's port. With QUIPU_PROXY set to a GraphQL endpoint, /graphql on the page's port
 * is forwarded there, so the page can use `?api=/graphql` on its own origin (no CORS needed); so is
 * every other address that is not one of the page's files, so its links to articles and the explorer work.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';

// The same relative paths work from examples/topic-page (tests) and dist/examples (`npm run example`).
const here = path.resolve(__dirname, '../../examples/topic-page');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Bundles the page into `outDir`: index.html, topic-page.js, topic-page.css. */
export async function buildTopicPage(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'topic-page.ts'), path.join(here, 'topic-page.css')],
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    logLevel: 'warning',
  });
  await copyFile(path.join(here, 'index.html'), path.join(outDir, 'index.html'));
}

/** The page's own files; with a proxy, every other address is Quipu's. */
const PAGE_FILES = new Set(['index.html', 'topic-page.js', 'topic-page.css']);

/**
 * Serves the built page from `dir` on `port` (0: any free one). With `proxy`, also forwards
 * /graphql (GET and POST, query string, body and the headers that matter) to that endpoint, and any
 * other address that is not one of the page's files to the same server (its articles, its explorer).
 */
export async function serveTopicPage(options: { dir: string; port?: number; host?: string; proxy?: string }): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://page');
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    if (options.proxy && !PAGE_FILES.has(file)) {
      const target = url.pathname === '/graphql' ? options.proxy : new URL(url.pathname, options.proxy).toString();
      void forward(target, url, request, response);
      return;
    }
    const type = TYPES[path.extname(file)];
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !type || file.includes('/') || file.includes('..')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    readFile(path.join(options.dir, file)).then(
      (body) => response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' }).end(body),
      () => response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n'),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://${host}:${port}`, server };
}

async function forward(target: string, url: URL, request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const name of ['accept', 'content-type', 'x-apollo-operation-name', 'apollo-require-preflight']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  try {
    const upstream = await fetch(`${target}${url.search}`, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  } catch (error) {
    response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`Quipu at ${target} did not answer: ${(error as Error).message}\n`);
  }
}

if (require.main === module) {
  const outDir = path.resolve(__dirname, '../../dist/public/topic-page');
  const port = Number(process.env.PORT ?? 4001);
  const proxy = process.env.QUIPU_PROXY;
  // The page reads from the API its address names (`api=`): the address printed names it.
  const api = proxy ? '/graphql' : 'http://localhost:4000/graphql';
  buildTopicPage(outDir)
    .then(() => serveTopicPage({ dir: outDir, port, host: 'localhost', proxy }))
    .then(({ url }) => console.log(`example topic page: ${url}/?topic=mining&api=${encodeURIComponent(api)}${proxy ? ` (${url}/graphql is forwarded to ${proxy})` : ''}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
