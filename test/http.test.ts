import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/data-source';
import { type AppState, createApp } from '../src/http/server';
import { startServer, type TestServer } from './support/server';

describe('HTTP endpoints', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('GET /readyz answers 200 once the database is open and seeded', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('GET /metrics is Prometheus text with a SQL statement counter that moves with queries', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/# TYPE quipu_sql_statements_total counter\nquipu_sql_statements_total \d+/);
    const before = await server.sqlStatements();
    await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ articles(first: 1) { totalCount } }"}' });
    // The page with its rows (a short walk of the newest), and the total.
    expect((await server.sqlStatements()) - before).toBe(2);
  });

  it('answers queries over GET', async () => {
    const query = encodeURIComponent('{ article(slug: "psg-aims") { title } }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { article: { title: 'PSG Aims' } } });
  });

  it("reports a resolver's input error with its code, argument and path on the compiled (graphql-jit) path too", async () => {
    // No variables of a recursive input type: this operation runs on graphql-jit.
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 500) { totalCount } }' }),
    });
    const body = (await response.json()) as { data: unknown; errors: object[] };
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      {
        message: 'first must be between 0 and 100, got 500',
        path: ['articles'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
      },
    ]);
  });

  it('reports variables that do not coerce as BAD_USER_INPUT on the compiled path as on graphql-js', async () => {
    const send = async (query: string, variables: object) =>
      (await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json();
    // graphql-jit runs the first (no recursive input variable); graphql-js the second.
    for (const [query, name, type] of [
      ['query T($s: String!) { topic(slug: $s) { name } }', 's', 'String!'],
      ['query Q($f: ArticleFilter!) { articles(filter: $f) { totalCount } }', 'f', 'ArticleFilter!'],
    ]) {
      for (let i = 0; i < 2; i++) {
        expect(await send(query, {})).toMatchObject({
          errors: [{ message: `Variable "$${name}" of required type "${type}" was not provided.`, locations: [{ line: 1, column: 9 }], extensions: { code: 'BAD_USER_INPUT' } }],
        });
      }
    }
    expect(await send('query T($n: Int) { articles(first: $n) { totalCount } }', { n: 'x' })).toMatchObject({
      errors: [{ message: expect.stringMatching(/^Variable "\$n" got invalid value "x"/), extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('answers 404 for explorer assets that do not exist, whatever their name', async () => {
    for (const name of ['nope.js', '__proto__', 'constructor', 'toString']) {
      expect((await fetch(`${server.url}/explore/assets/${name}`)).status).toBe(404);
    }
  });

  it('rejects a malformed query with a parse error that says where', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ articles( }"}' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: object[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' }, locations: [{ line: 1, column: 13 }] });
  });
});

describe('start-up and failures', () => {
  const post = (url: string, query: string) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  it('answers 503 on /readyz and /graphql until the database is ready', async () => {
    const state: AppState = { sql: null, ready: false };
    const app = await createApp(state);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(503);
      const response = await post(url, '{ __typename }');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await app.close();
    }
  });

  it('masks an unexpected failure as an internal error, and stays up', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-broken-'));
    const database = await openDatabase(path.join(dir, 'quipu.db'), { readers: 1 });
    // The schema the resolvers read is gone: every list statement now fails inside SQLite.
    await database.sql.run('ALTER TABLE article RENAME TO article_gone');
    const app = await createApp({ sql: database.sql, ready: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      const body = (await (await post(url, '{ articles { totalCount } }')).json()) as { errors: object[] };
      expect(body.errors[0]).toEqual({ message: 'Internal server error', path: ['articles'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(body)).not.toMatch(/database|connection|stack/i);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a query seen before skips the Apollo pipeline and answers the same', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const post = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  // Byte for byte, but for the budget left, which each request spends.
  const answered = async (response: Response) => ({
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.text()).replace(/"remaining":\d+/, '"remaining":"(spent)"'),
  });
  const paths = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const count = (path: string) => Number(new RegExp(`^quipu_graphql_requests_total\\{path="${path}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { known: count('known'), apollo: count('apollo') };
  };

  it('the second request of a text runs compiled, with the same status, content type and bytes (cost report included)', async () => {
    const body = { query: '{ articles(first: 2) { totalCount nodes { slug topics { slug } } } }' };
    const before = await paths();
    const first = await answered(await post(body));
    const second = await answered(await post(body));
    expect(await paths()).toEqual({ known: before.known + 1, apollo: before.apollo + 1 });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
  });

  it('negotiates the response type as Apollo does', async () => {
    const body = { query: '{ articles(first: 1) { totalCount } }' };
    const accept = { accept: 'application/graphql-response+json' };
    const first = await answered(await post(body, accept));
    const before = await paths();
    const second = await answered(await post(body, accept));
    expect((await paths()).known).toBe(before.known + 1);
    expect(second).toEqual(first);
    expect(second.type).toBe('application/graphql-response+json; charset=utf-8');
  });

  it('keeps operations of one document apart by operationName, and variables per request', async () => {
    const query = 'query Few($first: Int) { articles(first: $first) { nodes { slug } } } query Total { articles { totalCount } }';
    const dataOf = async (response: Response) => ((await response.json()) as { data: unknown }).data;
    const few = await dataOf(await post({ query, operationName: 'Few', variables: { first: 1 } }));
    const total = await dataOf(await post({ query, operationName: 'Total' }));
    const before = await paths();
    expect(await dataOf(await post({ query, operationName: 'Few', variables: { first: 1 } }))).toEqual(few);
    expect(await dataOf(await post({ query, operationName: 'Total' }))).toEqual(total);
    const two = (await (await post({ query, operationName: 'Few', variables: { first: 2 } })).json()) as { data: { articles: { nodes: unknown[] } } };
    expect(two.data.articles.nodes).toHaveLength(2);
    expect((await paths()).known).toBe(before.known + 3);
  });

  it('an error on a known query is answered by Apollo, formatted as always', async () => {
    const query = 'query Page($first: Int) { articles(first: $first) { totalCount } }';
    expect((await post({ query, variables: { first: 1 } })).status).toBe(200);
    const before = await paths();
    const response = await answered(await post({ query, variables: { first: 500 } }));
    expect(await paths()).toEqual({ known: before.known, apollo: before.apollo + 1 });
    expect(JSON.parse(response.body)).toEqual({
      data: null,
      errors: [
        {
          message: 'first must be between 0 and 100, got 500',
          path: ['articles'],
          locations: [{ line: 1, column: 27 }],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
        },
      ],
      // Charged once, by the direct path, and reported by Apollo.
      extensions: { cost: { requested: 2, budget: 100_000_000, remaining: '(spent)', resetSeconds: 60 } },
    });
  });

  it('a known query that fails runs once: Apollo formats the failure the direct path found', async () => {
    const body = { query: '{ articles(filter: { topics: { any: ["gardening"] } }) { totalCount } }' };
    const first = await answered(await post(body));
    const before = await server.sqlStatements();
    const second = await answered(await post(body));
    // The slugs' statement runs once, then the unknown slug is the error.
    expect((await server.sqlStatements()) - before).toBe(1);
    expect(second).toEqual(first);
    expect(JSON.parse(second.body).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('an empty operationName is not the absent one: Apollo answers it', async () => {
    const query = '{ articles(first: 1) { totalCount } }';
    await post({ query });
    await post({ query });
    const response = await post({ query, operationName: '' });
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0].message).toBe('Unknown operation named "".');
    // Several operations and no name: the same kind of answer, not an internal error.
    const several = await post({ query: `query A ${query} query B ${query}` });
    expect(((await several.json()) as { errors: { message: string }[] }).errors[0].message).toBe('Must provide operation name if query contains multiple operations.');
  });

  it('GET requests, and requests with extensions, always go through Apollo', async () => {
    const query = '{ article(slug: "psg-aims") { title } }';
    await post({ query });
    const before = await paths();
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect((await post({ query, extensions: {} })).status).toBe(200);
    expect(await paths()).toEqual({ known: before.known, apollo: before.apollo + 2 });
  });
});
