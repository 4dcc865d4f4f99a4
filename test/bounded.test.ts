import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/data-source';
import { buildCorpus } from '../src/synthetic/build';
import { testEngine } from './support/postgres';
import { startServer, type TestServer } from './support/server';

/** The most prefix terms a search may have, OR-ed: each expands to every indexed word it starts, and the total counts every hit. */
const HOSTILE_SEARCH = 'a* OR e* OR i* OR o* OR s* OR t* OR n* OR r*';
const LIMIT_MS = 200;

/** The reader processes this test process started (the server runs in it), by pid. */
function readerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return (
    out
      .split('\n')
      // The statement readers (the pool's index process, `... index`, runs no SQL).
      .filter((line) => line.includes('reader.process') && line.trimEnd().endsWith(' sql'))
      .map((line) => Number(line.trim().split(/\s+/)[0]))
  );
}

/** The pool's index processes (they keep the article index and run no SQL). */
function indexPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('reader.process') && line.trimEnd().endsWith(' index'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const post = (server: TestServer, query: string, variables?: object) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });

// SQLite's reader processes, killed and replaced: the PostgreSQL suites would run it on SQLite again (a prebuilt file).
(testEngine === 'sqlite' ? describe : describe.skip)('a statement past QUERY_TIMEOUT_MS', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    // 8,000 synthetic articles: the hostile request (a page by relevance, then the total) takes about 700 ms here, over three times the limit.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-bounded-'));
    const file = path.join(dir, 'corpus.db');
    const database = await openDatabase(file);
    await buildCorpus(database.sql, { articles: 8000, seed: 7 });
    await database.close();
    server = await startServer({ prebuilt: file, queryTimeoutMs: LIMIT_MS, readers: 2 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('costs what its work will be: a NOT filter and facets by the rows they touch, a search by its words', async () => {
    const costOf = async (query: string) => ((await (await post(server, query)).json()) as { extensions: { cost: { requested: number } } }).extensions.cost.requested;
    const facets = 'facets { topics { count } organisations { count } }';
    const [{ topic }] = (
      (await (await post(server, '{ articles(first: 0) { facets { topics(first: 1) { topic { slug } } } } }')).json()) as {
        data: { articles: { facets: { topics: { topic: { slug: string } }[] } } };
      }
    ).data.articles.facets.topics;
    // Over every article, facets come from the aggregates kept at ingest: only the fields count.
    const plain = await costOf(`{ articles(first: 0) { ${facets} } }`);
    expect(plain).toBeLessThan(40);
    // Without the biggest topic: the whole table gathered for the complement, and each article's links counted, per facet.
    const negated = await costOf(`{ articles(first: 0, filter: { NOT: { topics: { any: ["${topic.slug}"] } } }) { ${facets} } }`);
    expect(negated).toBeGreaterThan(plain + (2 * ((8000 / 2) * 5)) / 100);
    // Eight prefix terms read the doc-lists of thousands of words; a rare word, a few.
    const rare = await costOf('{ articles(first: 1, search: "zqxjw") { totalCount } }');
    const prefixes = await costOf(`{ articles(first: 1, search: "${HOSTILE_SEARCH}") { totalCount } }`);
    expect(rare).toBeLessThan(10);
    expect(prefixes).toBeGreaterThan(1000);
  });

  it('charges exports to the same budget, refusing one that could never fit', async () => {
    const small = await startServer({ prebuilt: server.dbPath, anonymousBudget: { budget: 500, windowSeconds: 60 }, readers: 1 });
    try {
      // All 8,000 articles: one point per ten, more than the whole budget.
      const all = await fetch(`${small.url}/export/articles.csv`);
      expect(all.status).toBe(400);
      expect(((await all.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({
        message: expect.stringMatching(/^The query would cost 801 points, more than the whole budget of 500 per 60 s/),
        extensions: { code: 'COST_LIMIT_EXCEEDED' },
      });
      const some = await fetch(`${small.url}/export/articles.ndjson?first=100`);
      expect(some.status).toBe(200);
      expect(some.headers.get('quipu-cost')).toBe('11');
      expect(some.headers.get('ratelimit')).toBe('"cost";r=489;t=60');
      expect((await some.text()).trim().split('\n')).toHaveLength(100);
      const graph = await fetch(`${small.url}/export/links.csv?first=10`);
      expect(graph.status).toBe(200);
      expect(Number(graph.headers.get('quipu-cost'))).toBeGreaterThan(10);
    } finally {
      await small.close();
    }
  });

  it('is stopped with QUERY_TIMEOUT naming the limit, its reader replaced, while the server answers others', async () => {
    const cheapQuery = '{ articles(first: 2) { nodes { slug } } }';
    await post(server, cheapQuery); // compiled once beforehand, as a partner's repeated query is
    await server.articleIndexesReady();
    const before = readerPids();
    expect(before).toHaveLength(2);
    const indexes = indexPids();
    expect(indexes).toHaveLength(2);
    const events: string[] = [];
    const hostile = post(server, `{ articles(first: 1, search: "${HOSTILE_SEARCH}") { nodes { slug } totalCount } }`).then(async (response) => {
      events.push('hostile');
      return { status: response.status, body: (await response.json()) as { data: unknown; errors: { message: string; extensions: Record<string, unknown> }[] } };
    });
    // Meanwhile: liveness and a cheap list, one after another, all answered before the hostile one ends.
    for (let i = 0; i < 3; i++) {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const cheap = (await (await post(server, cheapQuery)).json()) as { data: { articles: { nodes: unknown[] } }; errors?: unknown };
      expect(cheap.errors).toBeUndefined();
      expect(cheap.data.articles.nodes).toHaveLength(2);
      events.push('cheap');
    }
    const { body } = await hostile;
    expect(events.indexOf('hostile')).toBeGreaterThan(0);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'QUERY_TIMEOUT', limitMs: LIMIT_MS });
    expect(body.errors[0].message).toMatch(/ran past its time limit of 200 ms and was stopped/);

    // The readers that ran its statements (its page and its total may both run past the limit) were
    // killed at once (SQLite cannot be stopped in a thread), and replaced.
    const killed = before.filter((pid) => !readerPids().includes(pid));
    expect(killed.length).toBeGreaterThanOrEqual(1);
    // (Reaped as soon as the server's loop turns; until then the kernel keeps its pid as a zombie.)
    for (let tries = 0; killed.some(alive) && tries < 40; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(killed.filter(alive)).toEqual([]);
    for (let tries = 0; readerPids().length < 2 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readerPids()).toHaveLength(2);
    const after = (await (await post(server, '{ articles(first: 3) { totalCount nodes { slug } } }')).json()) as { data: { articles: { totalCount: number } } };
    expect(after.data.articles.totalCount).toBe(8000);
    // The article index lives in processes of its own, which no runaway statement takes down: still
    // there, and answering at once (a rebuilt one would answer null until built, and SQL would count).
    expect(indexPids()).toEqual(indexes);
    const fromIndex = async () => Number(/^quipu_article_sets_total\{source="index"\} (\d+)/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
    const answered = await fromIndex();
    const facets = (await (await post(server, '{ articles(first: 0, filter: { kind: NEWS }) { totalCount facets { topics(first: 1) { count } } } }')).json()) as {
      data: { articles: { totalCount: number } };
    };
    expect(facets.data.articles.totalCount).toBeGreaterThan(0);
    expect(await fromIndex()).toBe(answered + 2);
  });

  it('keeps a reader free for light requests, however many heavy ones are running', async () => {
    const cheapQuery = '{ articles(first: 2) { nodes { slug } } }';
    await post(server, cheapQuery);
    const events: string[] = [];
    // Three heavy requests (each reads its page and its total at once), then a light one: with two
    // readers, the heavy lane may hold one of them, and the light request takes the other at once.
    // (An ArticleFilter variable keeps a request on Apollo's path, where its lane is set too.)
    const heavyQuery = `query Heavy($f: ArticleFilter) { articles(first: 1, filter: $f, search: "${HOSTILE_SEARCH}") { nodes { slug } totalCount } }`;
    const heavy = [1, 2, 3].map(() =>
      post(server, heavyQuery, { f: null }).then(async (response) => {
        const body = (await response.json()) as { extensions: { cost: { requested: number } } };
        events.push('heavy');
        return body.extensions.cost.requested;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const light = (await (await post(server, cheapQuery)).json()) as { data: { articles: { nodes: unknown[] } } };
    events.push('light');
    expect(light.data.articles.nodes).toHaveLength(2);
    for (const cost of await Promise.all(heavy)) expect(cost).toBeGreaterThanOrEqual(2000);
    expect(events[0]).toBe('light');
  });

  it('stops an export past the limit too, answering 504 QUERY_TIMEOUT before any of the file is sent', async () => {
    // A limit of 1 ms: the export's first search statement cannot end within it.
    const strict = await startServer({ prebuilt: server.dbPath, queryTimeoutMs: 1, readers: 1 });
    const response = await fetch(`${strict.url}/export/links.csv?search=${encodeURIComponent('a* OR e*')}`).finally(() => strict.close());
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBeNull();
    const { errors } = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/time limit of 1 ms/), extensions: { code: 'QUERY_TIMEOUT' } });
  });
});

describe('input limits, each a clear error', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const errorsOf = async (response: Response) => ({
    status: response.status,
    errors: ((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors,
  });

  it('variables nested 5,000 levels deep are refused before any work, by POST and by GET', async () => {
    const filter = `${'{"NOT":'.repeat(5000)}{"kind":"NEWS"}${'}'.repeat(5000)}`;
    const query = 'query Deep($f: ArticleFilter) { articles(filter: $f) { totalCount } }';
    const byPost = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${JSON.stringify(query)},"variables":{"f":${filter}}}`,
    });
    const expected = {
      status: 400,
      errors: [{ message: expect.stringMatching(/^The variables nest more than 32 levels deep; at most 32 are accepted/), extensions: { code: 'BAD_USER_INPUT' } }],
    };
    expect(await errorsOf(byPost)).toEqual(expected);
    // (A URL holds less: 200 levels.)
    const params = new URLSearchParams({ query, variables: `{"f":${'{"NOT":'.repeat(200)}{"kind":"NEWS"}${'}'.repeat(201)}` });
    const byGet = await fetch(`${server.url}/graphql?${params}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await errorsOf(byGet)).toEqual(expected);
    // Within the limit, the filter's own depth rule answers (5 levels of AND, OR and NOT).
    const six = `${'{"NOT":'.repeat(6)}{"kind":"NEWS"}${'}'.repeat(6)}`;
    const body = (await (await post(server, query, JSON.parse(`{"f":${six}}`))).json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toBe('filter.NOT.NOT.NOT.NOT.NOT nests deeper than 5 levels');
  });

  it('a search with too many words or prefix terms is refused, saying how many are allowed', async () => {
    const words = Array.from({ length: 33 }, (_, i) => `w${i}`).join(' ');
    const many = (await (await post(server, `{ articles(search: "${words}") { totalCount } }`)).json()) as { errors: { message: string; extensions: object }[] };
    expect(many.errors[0]).toMatchObject({ message: 'search has 33 words and phrases; at most 32 are allowed', extensions: { code: 'BAD_USER_INPUT', argument: 'search' } });
    const prefixes = (await (await post(server, '{ articles(search: "a* b* c* d* e* f* g* h* i*") { totalCount } }')).json()) as { errors: { message: string }[] };
    expect(prefixes.errors[0].message).toMatch(/^search has 9 prefix terms \(words ending in \*\); at most 8 are allowed/);
  });

  it('an unknown mutation or a subscription sent by POST is a validation error, not an internal one', async () => {
    expect(await errorsOf(await post(server, 'mutation { anything }'))).toEqual({
      status: 400,
      errors: [{ message: 'Cannot query field "anything" on type "Mutation".', locations: [{ line: 1, column: 12 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(await errorsOf(await post(server, 'subscription { anything }'))).toEqual({
      status: 400,
      errors: [
        {
          message: 'The subscription operation is not supported by the schema: Quipu answers queries and mutations only.',
          locations: [{ line: 1, column: 1 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });
});
