import Database from 'better-sqlite3';
import { Sql } from '../src/db/sql';
import { createApp, type AppState } from '../src/http/server';
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
    expect((await server.sqlStatements()) - before).toBe(2);
  });

  it('answers queries over GET', async () => {
    const query = encodeURIComponent('{ article(slug: "psg-aims") { title } }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { article: { title: 'PSG Aims' } } });
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

  it('rejects a malformed query with a parse error that says where', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ articles( }"}' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: object[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' }, locations: [{ line: 1, column: 13 }] });
  });
});

describe('start-up and failures', () => {
  const post = (url: string, query: string) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

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
    const db = new Database(':memory:');
    db.close(); // every statement now throws inside the resolvers
    const app = await createApp({ sql: new Sql(db), ready: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      const body = (await (await post(url, "{ articles { totalCount } }")).json()) as { errors: object[] };
      expect(body.errors[0]).toEqual({ message: 'Internal server error', path: ['articles'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(body)).not.toMatch(/database|connection|stack/i);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
