import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import * as generated from '../client';
import { createClient, type PersistedDocument, QuipuError, TopicPageDocument } from '../client';
import { readDocumentedOperations } from '../src/graphiql/operations';
import { startServer, type TestServer } from './support/server';

const root = path.resolve(__dirname, '..');
const operationsDir = path.join(root, 'schema/operations');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'schema/trusted-documents.json'), 'utf8')) as Record<string, string>;
const documented = readDocumentedOperations(operationsDir);
/** The client's document for every documented operation, by name. */
const documents = new Map(
  Object.entries(generated)
    .filter(([name]) => name.endsWith('Document'))
    .map(([, document]) => [(document as PersistedDocument<unknown, unknown>).operationName, document as PersistedDocument<unknown, unknown>]),
);

/** A fetch that records every request the client makes, and passes it on. */
function recordingFetch(log: { method: string; url: URL; headers: Headers }[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    log.push({ method: init?.method ?? 'GET', url, headers: new Headers(init?.headers) });
    return fetch(input, init);
  };
}

describe('the documented operations (schema/operations/*.graphql)', () => {
  it("include the embed widget's operation, character for character", () => {
    // The widget (src/embed) sends this text's hash: it must be a trusted document as it is.
    const embed = documents.get('EmbedChannel')!;
    expect(embed.text).toBe(
      'query EmbedChannel($slug: String!, $first: Int!) {\n  channel(slug: $slug) {\n    slug\n    title\n    feeds { rss }\n    articles(first: $first) {\n      nodes { id title publishedAt url topics { slug name } }\n    }\n  }\n}',
    );
    expect(manifest[embed.sha256Hash]).toBe(embed.text);
  });

  it("are what the docs' copy-paste example asks for: TopicPage by its current hash", () => {
    const readme = fs.readFileSync(path.join(root, 'docs/api.md'), 'utf8');
    const example = /curl -s -G 'http:\/\/localhost:4000\/graphql' -H 'x-apollo-operation-name: TopicPage'[^`]*"sha256Hash":"([0-9a-f]{64})"/.exec(readme);
    expect(example?.[1]).toBe(TopicPageDocument.sha256Hash);
  });

  it('are there for each kind of user, each named and commented', () => {
    expect(new Set(documented.map((operation) => operation.audience))).toEqual(new Set(['frontend', 'partner', 'analyst']));
    for (const operation of documented) expect(operation.source).toMatch(/^# .+\n(# .*\n)*(query|mutation) \w+/);
  });

  it('are each in the trusted-documents manifest, keyed by the SHA-256 of the exact text', () => {
    const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
    for (const [hash, text] of Object.entries(manifest)) {
      expect(hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(validate(schema, parse(text))).toEqual([]);
    }
    expect(Object.keys(manifest)).toHaveLength(documented.length);
    for (const { name } of documented) {
      const document = documents.get(name);
      expect(document).toBeDefined();
      expect(manifest[document!.sha256Hash]).toBe(document!.text);
      // The client sends the operation as its file writes it, byte for byte.
      const file = fs.readFileSync(path.join(operationsDir, `${documented.find((operation) => operation.name === name)!.audience}.graphql`), 'utf8');
      const definition = parse(file).definitions.find((node) => node.kind === 'OperationDefinition' && node.name?.value === name)!;
      expect(document!.text.startsWith(file.slice(definition.loc!.start, definition.loc!.end))).toBe(true);
    }
  });
});

describe('the codegen plugin that writes the persisted documents', () => {
  // A CommonJS file for GraphQL Code Generator; no type declarations of its own.
  const { persistedDocuments } = require('../client/codegen/persisted-documents.cjs') as {
    persistedDocuments(files: { document: ReturnType<typeof parse>; location: string }[]): { name: string; text: string; hash: string }[];
  };
  const file = (location: string, text: string) => ({ document: parse(text), location });

  it('keeps each text as written, with the fragments it uses in name order, and hashes exactly that text', () => {
    const [document] = persistedDocuments([
      file('a.graphql', 'query Q { ...B ...A }\nfragment B on Query { __typename }\n# unused\nfragment C on Query { __typename }\nfragment A on Query {  __typename  }'),
    ]);
    expect(document!.text).toBe('query Q { ...B ...A }\n\nfragment A on Query {  __typename  }\n\nfragment B on Query { __typename }');
    expect(document!.hash).toBe(createHash('sha256').update(document!.text).digest('hex'));
  });

  it('refuses an unnamed operation, a name used twice and an unknown fragment, saying where', () => {
    expect(() => persistedDocuments([file('a.graphql', '{ __typename }')])).toThrow('a.graphql: every documented operation needs a name');
    expect(() => persistedDocuments([file('a.graphql', 'query Q { __typename }'), file('b.graphql', 'query Q { __typename }')])).toThrow(
      'b.graphql: operation name "Q" is used twice',
    );
    expect(() => persistedDocuments([file('a.graphql', 'query Q { ...Gone }')])).toThrow('a.graphql: operation "Q" spreads unknown fragment "Gone"');
  });
});

describe('the typed client (client/) against the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it.each(documented.map((operation) => [operation.audience, operation.name, operation] as const))(
    '%s operation %s runs with its example variables and returns data',
    async (_audience, name, operation) => {
      const client = createClient({ url: `${server.url}/graphql` });
      const data = (await client.request(documents.get(name)!, operation.variables as never)) as Record<string, unknown>;
      // Every root field of the example answers with something: the examples name real seed data.
      for (const [field, value] of Object.entries(data)) {
        expect([field, value]).not.toEqual([field, null]);
        if (Array.isArray(value)) expect([field, value.length]).not.toEqual([field, 0]);
      }
      // And the examples show what they are for.
      if (name === 'HowConnected') expect(data.path).toMatchObject({ found: true, hops: 2 });
      if (name === 'MonthlyTimeline') for (const series of data.timeline as { total: number }[]) expect(series.total).toBeGreaterThan(0);
      if (name === 'LinkNetwork') expect((data.links as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
    },
  );

  it('sends the hash alone first over GET, the text only when the server does not know it yet', async () => {
    const log: { method: string; url: URL; headers: Headers }[] = [];
    const client = createClient({ url: `${server.url}/graphql`, fetch: recordingFetch(log) });
    // A text this server has not seen (the other tests send TopicPage's).
    const text = `# ${process.pid} ${Date.now()}\n${TopicPageDocument.text}`;
    const document: typeof TopicPageDocument = { ...TopicPageDocument, text, sha256Hash: createHash('sha256').update(text).digest('hex') };
    const variables = { slug: 'environment', first: 3 };
    const first = await client.request(document, variables);
    const second = await client.request(document, variables);
    expect(second).toEqual(first);
    expect(first.topic?.slug).toBe('environment');
    expect(first.topic?.articles.nodes.length).toBeGreaterThan(0);

    expect(log.map(({ method, url }) => [method, url.searchParams.has('query')])).toEqual([
      ['GET', false], // unknown hash: PERSISTED_QUERY_NOT_FOUND
      ['GET', true], // the text, which the server checks against the hash and keeps
      ['GET', false], // known now: the hash alone
    ]);
    for (const { url, headers } of log) {
      expect(JSON.parse(url.searchParams.get('extensions')!)).toEqual({ persistedQuery: { version: 1, sha256Hash: document.sha256Hash } });
      expect(url.searchParams.get('operationName')).toBe('TopicPage');
      expect(headers.get('x-apollo-operation-name')).toBe('TopicPage');
    }
  });

  it('answers a plain GET with the hash alone, as docs/api.md shows with curl, on the first request a server gets', async () => {
    const fresh = await startServer();
    try {
      const url = `${fresh.url}/graphql?${new URLSearchParams({
        operationName: 'TopicPage',
        variables: JSON.stringify({ slug: 'mining', first: 2 }),
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: TopicPageDocument.sha256Hash } }),
      })}`;
      const response = await fetch(url, { headers: { 'x-apollo-operation-name': 'TopicPage' } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { topic: { name: string; articles: { nodes: unknown[] } } } };
      expect(body.data.topic.name).toBe('Mining');
      expect(body.data.topic.articles.nodes).toHaveLength(2);
    } finally {
      await fresh.close();
    }
  });

  it('falls back to POST when the GET URL would be too long', async () => {
    const log: { method: string; url: URL; headers: Headers }[] = [];
    const client = createClient({ url: `${server.url}/graphql`, fetch: recordingFetch(log), maxGetUrlLength: 100 });
    const { topic } = await client.request(TopicPageDocument, { slug: 'mining', first: 1 });
    expect(topic?.name).toBe('Mining');
    expect(log.length).toBeGreaterThan(0);
    expect(log.every(({ method }) => method === 'POST')).toBe(true);
  });

  it('throws a QuipuError with the server’s code and argument for bad input', async () => {
    const client = createClient({ url: `${server.url}/graphql` });
    const failure = client.request(TopicPageDocument, { slug: 'mining', first: 500 });
    await expect(failure).rejects.toBeInstanceOf(QuipuError);
    await expect(failure).rejects.toMatchObject({
      operationName: 'TopicPage',
      message: expect.stringContaining('first must be between 0 and 100, got 500'),
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'first' }) })],
    });
  });

  it('says so when the server does not answer with GraphQL', async () => {
    const client = createClient({ url: `${server.url}/nowhere` });
    await expect(client.request(TopicPageDocument, { slug: 'mining', first: 1 })).rejects.toMatchObject({ status: 404, message: expect.stringContaining('HTTP 404') });
  });
});
