import fs from 'node:fs';
import { trustedDocumentsFile } from '../src/core/trusted-documents';
import { ANONYMOUS_POLICY } from '../src/partner/budget';
import { PartnerKeys } from '../src/partner/keys';
import { startServer, type TestServer } from './support/server';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: { cost?: Record<string, number> } };
}

async function post(server: TestServer, query: string, headers: Record<string, string> = {}, extra: object = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, ...extra }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const trusted = JSON.parse(fs.readFileSync(trustedDocumentsFile, 'utf8')) as Record<string, string>;
const [latestHash, latestText] = Object.entries(trusted).find(([, text]) => text.startsWith('query LatestOnTopicInPlace('))!;
const latestVariables = { topic: 'mining', place: 'peru', first: 2 };

describe('the cost of a query', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('is computed before it runs, by page sizes times what each item asks for, and reported in extensions.cost', async () => {
    // articles 1 + nodes (1 + 20 × (1 + topics (1 + 5 × 1))) + totalCount 1
    const query = '{ articles(first: 20) { nodes { title topics { name } } totalCount } }';
    for (const path of ['Apollo, first sight', 'compiled, known']) {
      const answer = await post(server, query);
      expect([path, answer.body.extensions?.cost?.requested]).toEqual([path, 143]);
    }
    // a variable page size, and a connection's first sizing its edges as it sizes its nodes
    const paged = await post(server, 'query P($n: Int) { articles(first: $n) { edges { node { title } } } }', {}, { variables: { n: 7 } });
    expect(paged.body.extensions?.cost?.requested).toBe(1 + 1 + 7 * (1 + 1));
  });

  it("costs a fragment on its own type, nodes(ids:) by its ids, and an entity's related with its weight", async () => {
    const cost = async (query: string, variables?: object) => (await post(server, query, {}, { variables })).body.extensions?.cost?.requested;
    const nested = 'parent { children { articles(first: 100) { nodes { title } } } }';
    const direct = await cost(`{ topic(slug: "pollution") { ${nested} } }`);
    expect(direct).toBe(1 + 1 + 1 + 5 * (1 + 1 + 1 + 100 * 1));
    const topicId = ((await post(server, '{ topic(slug: "pollution") { id } }')).body.data as { topic: { id: string } }).topic.id;
    // the same selection through node(id:) and an inline fragment, and through a named fragment
    expect(await cost(`query N($id: ID!) { node(id: $id) { ... on Topic { ${nested} } } }`, { id: topicId })).toBe(direct);
    expect(await cost(`query N($id: ID!) { node(id: $id) { ...T } } fragment T on Topic { ${nested} }`, { id: topicId })).toBe(direct);
    // nodes(ids:) costs as many items as ids
    const ids = (n: number) => Array.from({ length: n }, () => topicId);
    const byIds = 'query N($ids: [ID!]!) { nodes(ids: $ids) { ... on Topic { articles(first: 10) { nodes { title } } } } }';
    expect(await cost(byIds, { ids: ids(3) })).toBe(1 + 3 * (1 + 1 + 1 + 10 * 1));
    expect(await cost(byIds, { ids: ids(100) })).toBe(1 + 100 * (1 + 1 + 1 + 10 * 1));
    // an entity's co-occurring subjects carry the links' weight: topic 1 + related (5 + 1 + 10 × 1)
    expect(await cost('{ topic(slug: "mining") { related { count } } }')).toBe(1 + 5 + 1 + 10 * 1);
  });

  it('refuses a query over the per-request limit before running it, saying by how much', async () => {
    const query = '{ topics(first: 100) { nodes { articles(first: 100) { nodes { topics { articles(first: 100) { nodes { title } } } } } } } }';
    const before = await server.sqlStatements();
    const answer = await post(server, query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The query would cost \d+ points; a request may cost at most 25000\./),
      extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { maxPerRequest: 25000 } },
    });
    expect((await server.sqlStatements()) - before).toBe(0);
  });
});

describe('partner keys on requests', () => {
  let server: TestServer;
  let keys: PartnerKeys;
  beforeAll(async () => {
    server = await startServer();
    keys = new PartnerKeys(server.sql);
  });
  afterAll(() => server.close());

  it('charges a key its own budget and says what is left in extensions.cost and the RateLimit headers', async () => {
    const { secret } = await keys.create({ name: 'Budget', origins: [], budget: 100, windowSeconds: 60 });
    const auth = { authorization: `Bearer ${secret}` };
    const query = '{ articles(first: 2) { nodes { title } } }'; // articles 1 + nodes (1 + 2 × 1)
    const first = await post(server, query, auth);
    expect(first.status).toBe(200);
    expect(first.body.extensions?.cost).toEqual({ requested: 4, budget: 100, remaining: 96, resetSeconds: 60 });
    expect(first.headers.get('ratelimit-policy')).toBe('"cost";q=100;w=60');
    expect(first.headers.get('ratelimit')).toBe('"cost";r=96;t=60');
    const second = await post(server, query, auth); // the compiled path charges the same
    expect(second.body.extensions?.cost).toMatchObject({ requested: 4, remaining: 92 });
  });

  it('answers 429 RATE_LIMITED with Retry-After once the budget is spent, on either path, and spends nothing more', async () => {
    const { secret } = await keys.create({ name: 'Small', origins: [], budget: 30, windowSeconds: 120 });
    const auth = { authorization: `Bearer ${secret}` };
    const query = '{ articles(first: 18) { nodes { slug } } }'; // 1 + (1 + 18 × 1) = 20 points
    expect((await post(server, query, auth)).status).toBe(200);
    for (const path of ['known', 'known again']) {
      const refused = await post(server, query, auth);
      expect([path, refused.status]).toEqual([path, 429]);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(100);
      expect(refused.headers.get('ratelimit')).toMatch(/^"cost";r=10;t=\d+$/);
      expect(refused.body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^Cost budget spent: this query costs 20 points, 10 of 30 remain/),
        extensions: { code: 'RATE_LIMITED', cost: { requested: 20, budget: 30, remaining: 10 } },
      });
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^quipu_graphql_refused_total\{code="RATE_LIMITED"\} 2$/m);
    // A cheaper query still fits in what is left.
    expect((await post(server, '{ articles(first: 3) { nodes { slug } } }', auth)).body.extensions?.cost).toMatchObject({ requested: 5, remaining: 5 });
  });

  it('refuses an unknown, malformed or revoked key with 401, and an origin the key does not allow with 403', async () => {
    const query = '{ articles(first: 1) { totalCount } }';
    const unknown = await post(server, query, { authorization: 'Bearer qk_notAKeyAtAll' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]).toEqual({ message: 'The partner key is unknown or revoked', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await post(server, query, { authorization: 'Basic abc' })).body.errors?.[0].message).toBe('Authorization must be "Bearer <partner key>"');

    const { key, secret } = await keys.create({ name: 'Origins', origins: ['https://partner.example'] });
    const auth = { authorization: `Bearer ${secret}` };
    expect((await post(server, query, { ...auth, origin: 'https://partner.example' })).status).toBe(200);
    expect((await post(server, query, auth)).status).toBe(200); // a server, no Origin
    const elsewhere = await post(server, query, { ...auth, origin: 'https://elsewhere.example' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.errors?.[0].message).toBe(`The partner key ${key.prefix} may not be used from origin https://elsewhere.example; its origins are https://partner.example`);

    // A key revoked before the server ever saw it (a key it has seen is trusted for up to 1 s more).
    const revoked = await keys.create({ name: 'Revoked', origins: [] });
    await keys.revoke(String(revoked.key.id));
    expect((await post(server, query, { authorization: `Bearer ${revoked.secret}` })).status).toBe(401);
  });

  it('a trusted-documents-only key runs published operations by hash, and nothing else', async () => {
    const { secret } = await keys.create({ name: 'Trusted', origins: [], trustedOnly: true });
    const auth = { authorization: `Bearer ${secret}` };
    const byHash = await post(server, undefined as unknown as string, auth, {
      variables: latestVariables,
      extensions: { persistedQuery: { version: 1, sha256Hash: latestHash } },
    });
    expect(byHash.status).toBe(200);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual({ articles: { totalCount: expect.any(Number), nodes: expect.any(Array) } });
    const asText = await post(server, latestText, auth, { variables: latestVariables });
    expect(asText.status).toBe(403);
    expect(asText.body.errors?.[0].extensions?.code).toBe('TRUSTED_DOCUMENTS_ONLY');
    for (let i = 0; i < 2; i++) expect((await post(server, '{ articles(first: 1) { totalCount } }', auth)).status).toBe(403);
  });
});

describe('the anonymous budget', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ anonymousBudget: ANONYMOUS_POLICY });
  });
  afterAll(() => server.close());

  it(`gives each client IP ${ANONYMOUS_POLICY.budget} points per ${ANONYMOUS_POLICY.windowSeconds} s, then 429`, async () => {
    const query = '{ topics(first: 100) { nodes { articles(first: 100) { nodes { title } } } } }'; // topics 1 + nodes (1 + 100 × (1 + articles 1 + nodes (1 + 100 × 1))) = 10,302
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await post(server, query)).status);
    expect(answers).toEqual([200, 200, 200, 200, 429]);
    const last = await post(server, query);
    expect(last.headers.get('ratelimit-policy')).toBe(`"cost";q=${ANONYMOUS_POLICY.budget};w=${ANONYMOUS_POLICY.windowSeconds}`);
    expect(last.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', cost: { requested: 10302, remaining: ANONYMOUS_POLICY.budget - 4 * 10302 } });
  });
});

describe('anonymous budgets behind a proxy', () => {
  const query = '{ articles(first: 18) { nodes { slug } } }'; // 20 points
  const remainingFor = async (server: TestServer, client: string) => (await post(server, query, { 'x-forwarded-for': client })).body.extensions?.cost?.remaining;

  it('count per client IP from X-Forwarded-For when the proxy is trusted (TRUST_PROXY), the address the proxy added', async () => {
    const server = await startServer({ anonymousBudget: { budget: 100, windowSeconds: 60 }, trustProxy: 1, publicUrl: 'https://news.example.org' });
    try {
      expect(await remainingFor(server, '198.51.100.1')).toBe(80);
      expect(await remainingFor(server, '198.51.100.2')).toBe(80);
      expect(await remainingFor(server, '198.51.100.1')).toBe(60);
      // An address the client wrote in front of the one the proxy added changes nothing.
      expect(await remainingFor(server, '203.0.113.9, 198.51.100.1')).toBe(40);
      const url = await post(server, '{ article(slug: "psg-aims") { url } }', { 'x-forwarded-host': 'evil.example' });
      expect(url.body.data).toEqual({ article: { url: 'https://news.example.org/articles/psg-aims' } });
    } finally {
      await server.close();
    }
  });

  it('count per connection address when no proxy is trusted: a forged X-Forwarded-For changes nothing', async () => {
    const server = await startServer({ anonymousBudget: { budget: 100, windowSeconds: 60 } });
    try {
      expect(await remainingFor(server, '198.51.100.1')).toBe(80);
      expect(await remainingFor(server, '198.51.100.2')).toBe(60);
    } finally {
      await server.close();
    }
  });
});

describe('document limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const refused = async (query: string) => {
    const answer = await post(server, query);
    expect(answer.status).toBe(400);
    return answer.body.errors?.[0];
  };

  it('depth: at most 12 levels of selections', async () => {
    const nest = (levels: number): string => (levels === 1 ? 'slug' : `parent { ${nest(levels - 1)} }`);
    expect((await post(server, `{ topic(slug: "pollution") { ${nest(11)} } }`)).status).toBe(200);
    expect(await refused(`{ topic(slug: "pollution") { ${nest(12)} } }`)).toMatchObject({
      message: 'Query depth limit of 12 exceeded, found 13.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('aliases: at most 15', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: article(slug: "psg-aims") { title }`).join(' ')} }`;
    expect((await post(server, aliases(15))).status).toBe(200);
    expect(await refused(aliases(16))).toMatchObject({ message: 'Aliases limit of 15 exceeded, found 16.' });
  });

  it('directives: at most 20', async () => {
    const directives = (n: number) => `{ article(slug: "psg-aims") { title ${'@include(if: true) '.repeat(n)} } }`;
    expect(await refused(directives(21))).toMatchObject({ message: 'Directives limit of 20 exceeded, found 21.' });
  });

  it('tokens: at most 2,000', async () => {
    const fields = (n: number) => `{ article(slug: "psg-aims") { ${'id '.repeat(n)} } }`;
    // (graphql-js itself gives up validating some thousand repeats of one field, so this stays lower)
    expect((await post(server, fields(500))).status).toBe(200);
    expect(await refused(fields(2000))).toMatchObject({ message: 'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.' });
  });

  it('size: at most 10,000 characters of query text', async () => {
    const padded = `{ article(slug: "psg-aims") { title } }${' '.repeat(10_000)}`;
    expect(await refused(padded)).toEqual({ message: `The query text has ${padded.length} characters; at most 10000 are accepted`, extensions: { code: 'DOCUMENT_TOO_LARGE' } });
  });

  it('page size: first and last at most 100', async () => {
    const answer = await post(server, '{ articles(first: 101) { totalCount } }');
    expect(answer.body.errors?.[0]).toMatchObject({ message: 'first must be between 0 and 100, got 101', extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  });
});

describe('with introspection off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ introspection: false });
  });
  afterAll(() => server.close());

  it('refuses introspection and names no fields in suggestions', async () => {
    const introspection = await post(server, '{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    const typo = await post(server, '{ articls(first: 1) { totalCount } }');
    expect(typo.body.errors?.[0].message).toBe('Cannot query field "articls" on type "Query".');
  });

  it('(with it on, the same typo gets a suggestion)', async () => {
    const open = await startServer();
    try {
      expect((await post(open, '{ articls(first: 1) { totalCount } }')).body.errors?.[0].message).toBe(
        'Cannot query field "articls" on type "Query". Did you mean "article" or "articles"?',
      );
    } finally {
      await open.close();
    }
  });
});
