import { type OperationDefinitionNode, parse } from 'graphql';
import { openDatabase } from '../src/db/data-source';
import { getSchema } from '../src/graph/schema';
import { ResponseCache, readTags } from '../src/http/response-cache';
import { PartnerKeys } from '../src/partner/keys';
import { DeskArticleDocument, DeskOrganisationDocument, DeskUnlinkDocument, DeskUpdateEntityDocument } from './generated/graphql';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startServer();
  editor = (await new PartnerKeys(server.sql).create({ name: 'Desk', role: 'editor', origins: [] })).secret;
});
afterAll(() => server.close());

const TOPICS = 'query Topics($slug: String!) { article(slug: $slug) { slug version topics { slug } } }';
const TITLES = '{ articles(first: 5) { nodes { title } } }';
const ORGS = '{ organisations(first: 3) { nodes { slug name } } }';

/** A GET as a partner page sends it; its status, body text, headers, and the SQL statements it caused. */
async function get(query: string, variables?: object, key?: string) {
  const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
  const before = await server.sqlStatements();
  const response = await fetch(`${server.url}/graphql?${params}`, {
    headers: { 'apollo-require-preflight': 'true', accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as { data: Record<string, unknown>; extensions: { cost: Record<string, number> } },
    headers: response.headers,
    statements: (await server.sqlStatements()) - before,
  };
}

/** A POST of the same query text and variables. */
async function post(query: string, variables?: object) {
  const before = await server.sqlStatements();
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { text, body: JSON.parse(text) as { data: Record<string, unknown> }, statements: (await server.sqlStatements()) - before };
}

describe('what an answer reads (its cache tags)', () => {
  const tags = (text: string) => {
    const document = parse(text);
    const tagged = readTags(getSchema(), document, document.definitions[0] as OperationDefinitionNode);
    return tagged && [...tagged].sort();
  };
  it('tags subjects by their type, anything made from articles as Article, and keeps no editor’s read or mutation', () => {
    expect(tags('{ topics { totalCount nodes { name } pageInfo { hasNextPage } } }')).toEqual(['Topic']);
    expect(tags('{ topics(linked: true) { nodes { name } } }')).toEqual(['Article', 'Topic']);
    expect(tags('{ articles(first: 1) { totalCount } }')).toEqual(['Article']);
    expect(tags('{ organisation(slug: "x") { name articles { nodes { title } } } }')).toEqual(['Article', 'Organisation']);
    expect(tags('{ node(id: "x") { id } }')).toEqual(['Article', 'Channel', 'Organisation', 'Person', 'Place', 'Source', 'Topic']);
    expect(tags('{ entitySuggestions { nodes { text } } }')).toEqual(['EntitySuggestion']);
    expect(tags('{ auditLog { nodes { action } } }')).toBeNull();
    expect(tags('mutation { rejectSuggestion(text: "x") }')).toBeNull();
  });
});

describe('the response cache on its own', () => {
  it('sees this process’s own commits, which SQLite’s data_version does not show (an in-memory database, no readers)', async () => {
    const database = await openDatabase(':memory:');
    try {
      const cache = new ResponseCache(() => database.sql);
      const answer = { data: '{}', etag: 'W/"x"', cost: 1, maxAge: 60, trusted: false, tags: ['Article'] };
      await cache.fresh();
      cache.set('articles', cache.epoch, answer);
      cache.set('topics', cache.epoch, { ...answer, tags: ['Topic'] });
      await cache.fresh();
      expect(await cache.get('articles')).toMatchObject(answer);
      await database.sql.run("INSERT INTO change_entry (at, action, node_type, node_id) VALUES ('2026-12-06T00:00:00Z', 'UPDATED', 'Article', 1)");
      await cache.fresh();
      expect(await cache.get('articles')).toBeUndefined();
      expect(await cache.get('topics')).toBeDefined();
    } finally {
      await database.close();
    }
  });
});

describe('the response cache', () => {
  it('answers a repeated GET and a repeated POST without running them: the same bytes, the same ETag, no SQL', async () => {
    const variables = { slug: NEWS.tiaMaria };
    const first = await get(TOPICS, variables);
    expect(first.statements).toBeGreaterThan(0);
    const second = await get(TOPICS, variables);
    expect(second.statements).toBe(0);
    // The same bytes but the cost report: this client's budget has less left.
    const uncosted = (text: string) => text.replace(/"remaining":\d+/, '');
    expect(uncosted(second.text)).toBe(uncosted(first.text));
    for (const header of ['etag', 'cache-control', 'content-type', 'vary']) expect([header, second.headers.get(header)]).toEqual([header, first.headers.get(header)]);

    await post(TITLES);
    await post(TITLES);
    const posted = await post(TITLES);
    expect(posted.statements).toBe(0);
    expect(uncosted((await post(TITLES)).text)).toBe(uncosted(posted.text));
  });

  it('still charges each client its cost, and keeps a key’s answer private', async () => {
    const partner = (await new PartnerKeys(server.sql).create({ name: 'Widget', origins: [], budget: 1000, windowSeconds: 60 })).secret;
    await get(TOPICS, { slug: NEWS.court }, partner);
    const hit = await get(TOPICS, { slug: NEWS.court }, partner);
    expect(hit.statements).toBe(0);
    expect(hit.body.extensions.cost.remaining).toBe(1000 - 2 * hit.body.extensions.cost.requested);
    expect(hit.headers.get('cache-control')).toMatch(/^private/);
    expect(hit.headers.get('ratelimit')).toBe(`"cost";r=${hit.body.extensions.cost.remaining};t=${hit.body.extensions.cost.resetSeconds}`);
  });

  it('never serves a stale answer after a write, through the API or by another process, and keeps answers the write does not touch', async () => {
    const variables = { slug: NEWS.michiquillay };
    const before = (await get(TOPICS, variables)).body.data.article as { version: number; topics: { slug: string }[] };
    await get(TITLES);
    await get(ORGS);
    expect((await get(TOPICS, variables)).statements).toBe(0);

    // An editor removes a topic: the article's answer changes at once; a list of titles and one of organisations stay cached.
    const article = (await server.query(DeskArticleDocument, variables)).article!;
    const topic = article.mentions.find((m) => m.kind === 'TOPIC' && (m.subject as { slug: string }).slug === before.topics[0].slug)!;
    await server.query(DeskUnlinkDocument, { article: article.id, subject: (topic.subject as { id: string }).id }, editor);
    const after = await get(TOPICS, variables);
    expect(after.statements).toBeGreaterThan(0);
    expect((after.body.data.article as { topics: { slug: string }[] }).topics.map((t) => t.slug)).not.toContain(before.topics[0].slug);
    expect((after.body.data.article as { version: number }).version).toBe(before.version + 1);
    expect((await get(ORGS)).statements).toBe(0);

    // An organisation renamed: its lists go, the article list of titles stays.
    await get(TITLES);
    const org = (await server.query(DeskOrganisationDocument, { slug: 'southern-copper' })).organisation!;
    await server.query(DeskUpdateEntityDocument, { id: org.id, expectedVersion: org.version, input: { name: 'Southern Copper Corp.' } }, editor);
    expect((await get(TITLES)).statements).toBe(0);
    const orgs = await get('{ organisation(slug: "southern-copper") { name } }');
    expect(orgs.body.data.organisation).toEqual({ name: 'Southern Copper Corp.' });

    // Another process writes (a CLI, another server on the same file): seen at the next request.
    const titles = await get(TITLES);
    expect(titles.statements).toBe(0);
    const other = await openDatabase(server.dbPath);
    try {
      await other.sql.run("UPDATE article SET title = 'Retitled elsewhere', version = version + 1 WHERE slug = ?", [NEWS.heavyMetals]);
      await other.sql.run("INSERT INTO change_entry (at, action, node_type, node_id) SELECT '2026-12-06T00:00:00Z', 'UPDATED', 'Article', id FROM article WHERE slug = ?", [
        NEWS.heavyMetals,
      ]);
    } finally {
      await other.close();
    }
    const fresh = await get(TITLES);
    expect(fresh.statements).toBeGreaterThan(0);
    expect(JSON.stringify(fresh.body.data)).toContain('Retitled elsewhere');
  });

  it('keeps no answer for editors’ reads or mutations', async () => {
    const audit = '{ auditLog(first: 1) { nodes { action } } }';
    const params = new URLSearchParams({ query: audit });
    const read = async () => {
      const before = await server.sqlStatements();
      await fetch(`${server.url}/graphql?${params}`, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${editor}` } });
      return (await server.sqlStatements()) - before;
    };
    await read();
    expect(await read()).toBeGreaterThan(0);
  });
});
