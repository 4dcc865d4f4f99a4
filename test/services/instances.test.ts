/**
 * Three Quipu processes, as `npm start` runs them, over one PostgreSQL database and one Redis: what a
 * load balancer in front of them needs to hold (docs/deploy.md). Part of `npm run test:services`.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import Redis from 'ioredis';
import { openDatabase } from '../../src/db/data-source';
import { registerSource } from '../../src/ingest/sources';
import { PartnerKeys } from '../../src/partner/keys';
import { type Instance, startInstance } from '../support/instances';
import { freshPostgresDatabase } from '../support/postgres';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** This run's keys in Redis: removed at the end. */
const redisPrefix = `quipu-test-${process.pid}-${Date.now().toString(36)}:`;
/** Every instance makes links on one public origin, as behind a load balancer: cached answers are then the same for all. */
const publicUrl = 'http://news.example.org';

let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let store: Awaited<ReturnType<typeof openDatabase>>;
let instances: Instance[];
let feeds: http.Server;
let feedBase: string;
const feedRequests: string[] = [];

beforeAll(async () => {
  database = await freshPostgresDatabase();
  feeds = http.createServer((request, response) => {
    feedRequests.push(request.url ?? '');
    // Slow enough that every instance's poller looks while one round is still running.
    setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(slowFeed), 2_000).unref();
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  feedBase = `http://127.0.0.1:${(feeds.address() as { port: number }).port}`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    PUBLIC_URL: publicUrl,
    INGEST_INTERVAL: '10',
  };
  // Started together on an empty database: one of them seeds it.
  instances = await Promise.all([startInstance(env), startInstance(env), startInstance(env)]);
  store = await openDatabase(database.url);
}, 120_000);

afterAll(async () => {
  await Promise.all((instances ?? []).map((instance) => instance.stop()));
  await store?.close();
  feeds?.closeAllConnections();
  await new Promise((resolve) => feeds?.close(resolve));
  await database?.drop();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${redisPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const slowFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Andes Watch</title><link>https://andes.example/</link><description>d</description>
<item><title>Farmers march against Conga</title><guid>conga-1</guid><pubDate>Tue, 06 Mar 2018 09:00:00 GMT</pubDate><description>Farmers in Cajamarca marched against the Conga mine.</description></item>
</channel></rss>`;

async function graphql(instance: Instance, query: string, options: { variables?: object; key?: string; get?: boolean } = {}) {
  // A GET names no content type: Apollo's CSRF rule then wants this header.
  const headers: Record<string, string> = { 'apollo-require-preflight': '1', ...(options.key ? { authorization: `Bearer ${options.key}` } : {}) };
  const response = options.get
    ? await fetch(`${instance.url}/graphql?${new URLSearchParams({ query, ...(options.variables ? { variables: JSON.stringify(options.variables) } : {}) })}`, { headers })
    : await fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: options.variables }),
      });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
}

/** The instance's count of response cache hits (GET /metrics). */
async function cacheHits(instance: Instance): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  return Number(/^quipu_response_cache_lookups_total\{result="hit"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('several instances over one PostgreSQL and one Redis', () => {
  it('seed the database once when they start together on an empty one', async () => {
    const seeded = instances.filter((instance) => /"msg":"seeded \d+ articles/.test(instance.log()));
    expect(seeded).toHaveLength(1);
    const { n } = (await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM article'))!;
    const answers = await Promise.all(instances.map((instance) => graphql(instance, '{ articles { totalCount } }')));
    expect(answers.map((answer) => (answer.body.data!.articles as { totalCount: number }).totalCount)).toEqual([n, n, n]);
  });

  it('share a partner key’s budget: spent on one instance, refused by the others', async () => {
    const { secret } = await new PartnerKeys(store.sql).create({ name: 'Shared budget', origins: [], budget: 40, windowSeconds: 600 });
    const query = '{ topics(first: 3) { nodes { name } } }';
    const spent: number[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await graphql(instances[0], query, { key: secret });
      if (answer.status !== 200) break;
      spent.push(i);
    }
    expect(spent.length).toBeGreaterThan(0);
    expect(spent.length).toBeLessThan(20);
    for (const other of instances.slice(1)) {
      const refused = await graphql(other, query, { key: secret });
      expect([refused.status, refused.body.errors?.[0].extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    }
  });

  it('share cached answers, and a write on one instance is seen by reads on every other', async () => {
    const { secret: editor } = await new PartnerKeys(store.sql).create({ name: 'Desk', role: 'editor', origins: [] });
    const query = '{ articles(first: 1) { nodes { id title version } } }';
    const first = await graphql(instances[1], query, { get: true });
    const article = (first.body.data!.articles as { nodes: { id: string; title: string; version: number }[] }).nodes[0];
    // The answer instance 1 computed is kept in Redis: instance 2 answers the same GET from it.
    const hitsBefore = await cacheHits(instances[2]);
    expect((await graphql(instances[2], query, { get: true })).body.data).toEqual(first.body.data);
    expect(await cacheHits(instances[2])).toBe(hitsBefore + 1);

    const updated = await graphql(
      instances[0],
      'mutation ($id: ID!, $v: Int!) { updateArticle(id: $id, expectedVersion: $v, input: { title: "Retitled on instance 0" }) { title } }',
      {
        variables: { id: article.id, v: article.version },
        key: editor,
      },
    );
    expect(updated.body.errors).toBeUndefined();
    for (const instance of instances) {
      const read = await graphql(instance, query, { get: true });
      expect((read.body.data!.articles as { nodes: { title: string }[] }).nodes[0].title).toBe('Retitled on instance 0');
    }
  });

  it('share the persisted queries a client registered', async () => {
    const query = '{ sources { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    const byHash = (instance: Instance) =>
      fetch(`${instance.url}/graphql?${new URLSearchParams({ extensions })}`, { headers: { 'apollo-require-preflight': '1' } }).then(
        (r) => r.json() as Promise<{ errors?: { message: string }[] }>,
      );
    expect((await byHash(instances[1])).errors?.[0].message).toBe('PersistedQueryNotFound');
    const registered = await fetch(`${instances[0].url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: JSON.parse(extensions) }),
    });
    expect(registered.status).toBe(200);
    expect(await byHash(instances[1])).toEqual({ data: { sources: expect.arrayContaining([{ name: 'Peru Support Group' }]) }, extensions: expect.anything() });
  });

  it('poll a feed from one instance at a time: each due source is fetched once', async () => {
    await registerSource(store.sql, `${feedBase}/andes.xml`);
    // Each instance looks for due sources every second; a round holds the database's poll lock for the 2 s the feed takes.
    const deadline = Date.now() + 15_000;
    while (feedRequests.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(feedRequests).toEqual(['/andes.xml']);
    // The round's ingest commits after the fetch: on a loaded machine, some seconds after it.
    const seen = Date.now() + 10_000;
    for (const instance of instances) {
      const search = () => graphql(instance, '{ articles(search: "Conga") { nodes { title } } }');
      let found = await search();
      while ((found.body.data?.articles as { nodes: unknown[] } | undefined)?.nodes.length === 0 && Date.now() < seen) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        found = await search();
      }
      expect(found.body.data?.articles).toEqual({ nodes: expect.arrayContaining([{ title: 'Farmers march against Conga' }]) });
    }
    expect(feedRequests).toEqual(['/andes.xml']);
  }, 40_000);
});
