import { createHash } from 'node:crypto';
import { TrustedDocuments, trustedDocumentsFile } from '../src/core/trusted-documents';
import { PartnerKeys } from '../src/partner/keys';
import { startServer, type TestServer } from './support/server';

const partnerOrigin = 'https://partner.example';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A GET of an operation by hash alone, as a partner page sends it. */
function persistedUrl(base: string, hash: string, variables: object, query?: string): string {
  const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }) });
  if (query) params.set('query', query);
  return `${base}/graphql?${params}`;
}
const csrfHeader = { 'x-apollo-operation-name': 'Partner' };

describe('cacheable reads', () => {
  let server: TestServer;
  const trusted = JSON.parse(require('node:fs').readFileSync(trustedDocumentsFile, 'utf8')) as Record<string, string>;
  const [latestHash] = Object.entries(trusted).find(([, text]) => text.startsWith('query LatestOnTopicInPlace('))!;
  const latest = persistedUrl('', latestHash, { topic: 'mining', place: 'cajamarca', first: 3 });

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('the trusted documents are the documented operations, each under the SHA-256 of its text', () => {
    const documents = TrustedDocuments.load();
    expect(documents.size).toBeGreaterThan(3);
    for (const [hash, text] of Object.entries(trusted)) expect(sha256(text)).toBe(hash);
  });

  it("every hash the README's and the docs' examples send is a published operation's", () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const docs = path.resolve(__dirname, '../docs');
    const readme = [
      path.resolve(__dirname, '../README.md'),
      ...fs
        .readdirSync(docs)
        .filter((f) => f.endsWith('.md'))
        .map((f) => path.join(docs, f)),
    ]
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const hashes = [...readme.matchAll(/sha256Hash["']?\s*:\s*["']([0-9a-f]{64})["']/g)].map((match) => match[1]);
    expect(hashes).toContain(latestHash);
    for (const hash of hashes) expect(trusted[hash]).toBeDefined();
  });

  it('a trusted operation runs by hash alone on its first GET, with Cache-Control and an ETag', async () => {
    const response = await fetch(`${server.url}${latest}`, { headers: csrfHeader });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { articles: { nodes: { title: string }[] } }; extensions: { cost: { requested: number } } };
    expect(body.data.articles.nodes.length).toBeGreaterThan(0);
    expect(body.extensions.cost.requested).toBeGreaterThan(0);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60, stale-while-revalidate=300');
    expect(response.headers.get('etag')).toMatch(/^W\/"[\w-]{27}"$/);
    expect(response.headers.get('vary')).toBe('accept, authorization');
  });

  it('answers If-None-Match with 304 and no body while the answer is unchanged', async () => {
    const first = await fetch(`${server.url}${latest}`, { headers: csrfHeader });
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${server.url}${latest}`, { headers: { ...csrfHeader, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const other = persistedUrl('', latestHash, { topic: 'mining', place: 'peru', first: 3 });
    const changed = await fetch(`${server.url}${other}`, { headers: { ...csrfHeader, 'if-none-match': etag } });
    expect(changed.status).toBe(200);
  });

  it('a catalogue query may be cached longer than an article list (the smallest hint wins, article lists anywhere included)', async () => {
    const get = (query: string) => fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { headers: csrfHeader });
    expect((await get('{ topics(first: 5) { nodes { slug } } }')).headers.get('cache-control')).toBe('public, max-age=300, s-maxage=300, stale-while-revalidate=1500');
    expect((await get('{ topics(first: 5) { nodes { slug } } articles(first: 1) { totalCount } }')).headers.get('cache-control')).toMatch(/^public, max-age=60,/);
    // an article list below a catalogue field keeps the articles' age
    expect((await get('{ topics(first: 5) { nodes { articles(first: 1) { totalCount } } } }')).headers.get('cache-control')).toMatch(/^public, max-age=60,/);
    expect((await get('{ channels { ...C } } fragment C on Channel { articles(first: 1) { totalCount } }')).headers.get('cache-control')).toMatch(/^public, max-age=60,/);
  });

  it('an answer to a partner key is private, and an answer with errors is not stored', async () => {
    const { secret } = await new PartnerKeys(server.sql).create({ name: 'Cache test', origins: [] });
    const keyed = await fetch(`${server.url}${latest}`, { headers: { ...csrfHeader, authorization: `Bearer ${secret}` } });
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('cache-control')).toBe('private, max-age=60');
    const failed = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ articles(first: 500) { totalCount } }')}`, { headers: csrfHeader });
    expect(failed.headers.get('cache-control')).toBe('no-store');
    expect(failed.headers.get('etag')).toBeNull();
  });

  it('POST answers carry no cache headers', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' }),
    });
    expect(response.headers.get('cache-control')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
  });

  it('automatic persisted queries: an unknown hash is asked for its text, registered once, then runs by hash', async () => {
    const query = '{ article(slug: "psg-aims") { title kind } }';
    const hash = sha256(query);
    const miss = await fetch(`${server.url}${persistedUrl('', hash, {})}`, { headers: csrfHeader });
    expect(await miss.json()).toMatchObject({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    const register = await fetch(`${server.url}${persistedUrl('', hash, {}, query)}`, { headers: csrfHeader });
    expect(register.status).toBe(200);
    const hit = await fetch(`${server.url}${persistedUrl('', hash, {})}`, { headers: csrfHeader });
    expect(await hit.json()).toMatchObject({ data: { article: { title: 'PSG Aims', kind: 'PAGE' } } });
    const wrong = await fetch(`${server.url}${persistedUrl('', sha256('something else'), {}, query)}`, { headers: csrfHeader });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ errors: [{ message: 'provided sha does not match query' }] });
  });

  it('CSRF prevention stays on: a GET without a preflight-forcing header is refused', async () => {
    const response = await fetch(`${server.url}${latest}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('mutations never run over GET: 405 with Allow: POST', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('mutation { addChannel }')}`, { headers: csrfHeader });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual({
      errors: [{ message: 'GET requests run only query operations; send mutations and subscriptions by POST', extensions: { code: 'METHOD_NOT_ALLOWED' } }],
    });
  });
});

describe('cross-origin reads (CORS)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('answers the preflight a partner page sends for a GET with the CSRF header and a key', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: partnerOrigin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-apollo-operation-name,authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-apollo-operation-name');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-max-age')).toBe('86400');
  });

  it('lets any origin read a response, and the headers it needs', async () => {
    const query = encodeURIComponent('{ article(slug: "psg-aims") { title } }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { origin: partnerOrigin, ...csrfHeader } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('etag, ratelimit, ratelimit-policy, retry-after');
  });

  it("lets a page read a POST's answer on either path, and the 400 for a body that is not JSON", async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { origin: partnerOrigin, 'content-type': 'application/json', ...headers }, body });
    const body = JSON.stringify({ query: '{ article(slug: "psg-aims") { slug } }' });
    const answers = [await post(body), await post(body), await post('{"query": '), await post(JSON.stringify({ query: '{ nope }' }))];
    // First sight (Apollo), known (direct), unparsable body (Fastify), invalid query (Apollo).
    expect(answers.map((response) => response.status)).toEqual([200, 200, 400, 400]);
    for (const response of answers) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toBe('etag, ratelimit, ratelimit-policy, retry-after');
    }
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: partnerOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST');
  });

  it('leaves the CORS headers off a POST no browser sent (browsers send Origin with every POST)', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ article(slug: "psg-aims") { slug } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
