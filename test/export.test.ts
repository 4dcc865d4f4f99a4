import { type AppState, createApp } from '../src/http/server';
import { ArticleExportRowsDocument, type ArticleExportRowsQuery, type ArticleFilter } from './generated/graphql';
import { writeNewsFixture } from './support/factories';
import { parseCsv, parseNdjson, parseXml } from './support/files';
import { NEWS, PAGES } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

type ApiArticle = ArticleExportRowsQuery['articles']['nodes'][number];

/** An exported article as the API describes it: the export's columns, from the `articles` answer. */
function expectedRecord(node: ApiArticle) {
  return {
    id: node.id,
    slug: node.slug,
    kind: node.kind,
    publishedAt: node.publishedAt,
    title: node.title,
    summary: node.summary,
    source: node.source.name,
    sourceUrl: node.source.url,
    topics: node.topics.map((t) => t.slug),
    organisations: node.organisations.map((o) => o.slug),
    places: node.places.map((p) => p.slug),
    people: node.people.map((p) => p.slug),
  };
}
type ArticleRecord = ReturnType<typeof expectedRecord>;

/** Every article the API lists for a filter and search, newest first, read page by page. */
async function apiArticles(server: TestServer, filter?: ArticleFilter, search?: string): Promise<ArticleRecord[]> {
  const records: ArticleRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const { articles }: ArticleExportRowsQuery = await server.query(ArticleExportRowsDocument, { filter, search, first: 100, after });
    records.push(...articles.nodes.map(expectedRecord));
    if (!articles.pageInfo.hasNextPage) return records;
    after = articles.pageInfo.endCursor;
  }
}

/** CSV rows back into records: `;`-joined slug cells into lists, an empty date into null. */
function fromCsv(row: Record<string, string>): ArticleRecord {
  const slugs = (cell: string) => (cell === '' ? [] : cell.split(';'));
  return {
    ...(row as Omit<ArticleRecord, 'topics' | 'organisations' | 'places' | 'people' | 'publishedAt'>),
    publishedAt: row.publishedAt === '' ? null : row.publishedAt,
    topics: slugs(row.topics),
    organisations: slugs(row.organisations),
    places: slugs(row.places),
    people: slugs(row.people),
  };
}

interface ErrorBody {
  errors: { message: string; extensions: { code: string; parameter?: string; value?: string; allowed?: string; argument?: string } }[];
}

describe('article exports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const get = (path: string) => fetch(`${server.url}${path}`);
  const csv = async (path: string) => (await parseCsv(await (await get(path)).text())).map(fromCsv);
  const ndjson = async (path: string) => parseNdjson<ArticleRecord>(await (await get(path)).text());

  it('articles.ndjson holds every article, newest first, exactly as the articles query answers', async () => {
    const response = await get('/export/articles.ndjson');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="quipu-articles.ndjson"');
    const records = parseNdjson<ArticleRecord>(await response.text());
    expect(records).toHaveLength(14);
    expect(records[0].slug).toBe(NEWS.heavyMetals);
    expect(records).toEqual(await apiArticles(server));
  });

  it('articles.csv has a header row and the same articles, subject slugs joined with ;', async () => {
    const response = await get('/export/articles.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="quipu-articles.csv"');
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe('id,slug,kind,publishedAt,title,summary,source,sourceUrl,topics,organisations,places,people');
    const records = (await parseCsv(text)).map(fromCsv);
    expect(records).toEqual(await apiArticles(server));
    expect(records.find((r) => r.slug === NEWS.tiaMaria)!.topics).toEqual(expect.arrayContaining(['mining', 'social-protest']));
  });

  it('a repeated relation parameter means any, as does a comma-separated list', async () => {
    const expected = await apiArticles(server, { topics: { any: ['deforestation', 'justice-system'] } });
    expect(expected.length).toBeGreaterThan(1);
    expect(await csv('/export/articles.csv?topic=deforestation&topic=justice-system')).toEqual(expected);
    expect(await ndjson('/export/articles.ndjson?topic=deforestation,justice-system')).toEqual(expected);
  });

  it('a repeated .all parameter means all, as in the explorer: mining and politics is not mining or politics', async () => {
    const all = await apiArticles(server, { topics: { all: ['mining', 'politics'] } });
    const any = await apiArticles(server, { topics: { any: ['mining', 'politics'] } });
    // The numbers docs/analysts.md gives for this view.
    expect(all).toHaveLength(1);
    expect(any).toHaveLength(11);
    expect(await csv('/export/articles.csv?topic.all=mining&topic.all=politics')).toEqual(all);
    expect(await csv('/export/articles.csv?topic=mining&topic=politics')).toEqual(any);
  });

  it("q, the explorer's older word for search, is search; with search too it is a 400 naming both", async () => {
    const expected = await apiArticles(server, undefined, 'mining');
    expect(expected.length).toBeGreaterThan(0);
    expect(await ndjson('/export/articles.ndjson?q=mining')).toEqual(expected);
    expect(await ndjson('/export/articles.ndjson?search=mining')).toEqual(expected);
    const response = await get('/export/articles.csv?q=mining&search=mining');
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.errors[0].message).toBe('q is another name for search; give one of them');
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', parameter: 'q', allowed: 'search or q, not both' });
  });

  it('relation, .all, .none, date and kind parameters all hold together, as one ArticleFilter', async () => {
    const filter: ArticleFilter = {
      topics: { all: ['mining'], none: ['social-protest'] },
      places: { any: ['peru', 'cajamarca'] },
      publishedFrom: '2018-02-01',
      publishedTo: '2018-03-31',
      kind: 'NEWS',
    };
    const expected = await apiArticles(server, filter);
    expect(expected.map((r) => r.slug).sort()).toEqual([NEWS.fraser, NEWS.michiquillay].sort());
    const path = '/export/articles.ndjson?topic.all=mining&topic.none=social-protest&place=peru&place=cajamarca&from=2018-02-01&to=2018-03-31&kind=news';
    expect(await ndjson(path)).toEqual(expected);
  });

  it('filter takes a whole ArticleFilter as JSON (AND, OR, NOT), and holds together with the other parameters', async () => {
    const filter: ArticleFilter = { OR: [{ people: { any: ['rosa-bartra'] } }, { organisations: { any: ['maap'] } }], NOT: { publishedTo: '2018-02-28' } };
    const json = encodeURIComponent(JSON.stringify(filter));
    expect(await csv(`/export/articles.csv?filter=${json}`)).toEqual(await apiArticles(server, filter));
    const both = await ndjson(`/export/articles.ndjson?filter=${encodeURIComponent('{"NOT":{"kind":"PAGE"}}')}&topic=mining`);
    expect(both).toEqual(await apiArticles(server, { topics: { any: ['mining'] }, NOT: { kind: 'PAGE' } }));
  });

  it('search and first work as in the API: first keeps the newest', async () => {
    expect(await ndjson('/export/articles.ndjson?search=mercury')).toEqual(await apiArticles(server, undefined, 'mercury'));
    const all = await apiArticles(server);
    expect(await ndjson('/export/articles.ndjson?first=3')).toEqual(all.slice(0, 3));
    expect(await csv('/export/articles.csv?first=0')).toEqual([]);
  });

  it('undated pages come last, with an empty date in CSV and null in NDJSON', async () => {
    const records = await ndjson('/export/articles.ndjson?kind=PAGE');
    expect(records.map((r) => r.slug).sort()).toEqual(Object.values(PAGES).sort());
    expect(records.every((r) => r.publishedAt === null)).toBe(true);
    expect((await csv('/export/articles.csv?kind=PAGE')).every((r) => r.publishedAt === null)).toBe(true);
  });

  describe('bad parameters get 400 with the parameter, the value and what is allowed', () => {
    const bad = async (path: string) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as ErrorBody;
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      return body.errors[0];
    };

    it('an unknown parameter', async () => {
      const error = await bad('/export/articles.csv?topics=mining');
      expect(error.message).toBe('unknown parameter "topics" for the articles export');
      expect(error.extensions).toMatchObject({ parameter: 'topics', value: 'mining' });
      expect(error.extensions.allowed).toContain('topic, topic.all, topic.none');
      // links-only parameters are unknown to the articles exports
      expect((await bad('/export/articles.ndjson?minCount=2')).extensions.parameter).toBe('minCount');
    });

    it('a date that is not one, a kind that does not exist, a count that is not a number', async () => {
      expect((await bad('/export/articles.csv?from=2018-02-30')).extensions).toMatchObject({ parameter: 'from', value: '2018-02-30', allowed: 'a date YYYY-MM-DD' });
      expect((await bad('/export/articles.csv?from=2018-03-01&to=2018-02-01')).extensions).toMatchObject({ parameter: 'to', value: '2018-02-01' });
      expect((await bad('/export/articles.csv?kind=blog')).extensions).toMatchObject({ parameter: 'kind', value: 'blog', allowed: 'NEWS, PAGE' });
      expect((await bad('/export/articles.ndjson?first=-1')).extensions).toMatchObject({ parameter: 'first', value: '-1' });
      expect((await bad('/export/articles.ndjson?first=ten')).extensions).toMatchObject({ parameter: 'first', value: 'ten' });
    });

    it('a parameter given twice that takes one value, and an empty slug', async () => {
      expect((await bad('/export/articles.csv?kind=NEWS&kind=PAGE')).extensions).toMatchObject({ parameter: 'kind', value: 'NEWS&PAGE', allowed: 'one value' });
      expect((await bad('/export/articles.csv?topic=mining,')).extensions).toMatchObject({ parameter: 'topic', value: 'mining,' });
    });

    it('a filter that is not JSON, or not an ArticleFilter', async () => {
      expect((await bad('/export/articles.csv?filter={topics')).message).toMatch(/^filter is not valid JSON/);
      const wrongField = await bad(`/export/articles.csv?filter=${encodeURIComponent('{"topic":{"any":["mining"]}}')}`);
      expect(wrongField.extensions.parameter).toBe('filter');
      expect(wrongField.message).toMatch(/"topic" is not defined by type "ArticleFilter"/);
      const wrongDate = await bad(`/export/articles.csv?filter=${encodeURIComponent('{"AND":[{"publishedFrom":"March"}]}')}`);
      expect(wrongDate.message).toMatch(/^filter\.AND\.0\.publishedFrom: /);
    });

    it('an unknown slug, named as the API names it', async () => {
      const error = await bad('/export/articles.ndjson?topic=mining&place=atlantis');
      expect(error.message).toBe('filter names unknown slugs: place "atlantis" (list them with the topics, organisations, places and people queries)');
      expect(error.extensions.argument).toBe('filter');
    });

    it('a search without words', async () => {
      expect((await bad('/export/articles.csv?search=-mining')).extensions.argument).toBe('search');
    });
  });
});

describe('a large article export', () => {
  const COUNT = 2500;
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ files: [writeNewsFixture(COUNT)] });
  }, 120_000);
  afterAll(() => server.close());

  it('streams every article, in the API order, in several chunks and without a length set in advance', async () => {
    const response = await fetch(`${server.url}/export/articles.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    let chunks = 0;
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      chunks++;
      text += decoder.decode(chunk, { stream: true });
    }
    expect(chunks).toBeGreaterThan(1);
    const records = (await parseCsv(text)).map(fromCsv);
    expect(records).toHaveLength(COUNT);
    expect(records).toEqual(await apiArticles(server));
  });

  it('NDJSON of a filtered large list is complete too', async () => {
    const filter: ArticleFilter = { organisations: { any: ['southern-copper'] } };
    const expected = await apiArticles(server, filter);
    expect(expected.length).toBeGreaterThan(100);
    const text = await (await fetch(`${server.url}/export/articles.ndjson?organisation=southern-copper`)).text();
    expect(parseNdjson(text)).toEqual(expected);
  });
});

describe('exports before the app is ready', () => {
  it('answer 503 like /graphql', async () => {
    const state: AppState = { sql: null, ready: false };
    const app = await createApp(state);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      for (const path of ['/export/articles.csv', '/export/articles.ndjson', '/export/links.csv', '/export/links.gexf', '/export/links.graphml']) {
        const response = await fetch(`${url}${path}`);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('1');
        expect(((await response.json()) as ErrorBody).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      }
    } finally {
      await app.close();
    }
  });
});

/** The `links` answer, as the API gives it. */
interface ApiLinkGraph {
  articleCount: number;
  nodes: { id: string; kind: string; articleCount: number; entity: { slug: string; name: string } }[];
  edges: { source: string; target: string; count: number; jaccard: number; lift: number }[];
}

// Written as text rather than a typed operation: `links` reaches the committed schema, and with it
// the generated types, when the branch that adds it is merged.
const LINKS_QUERY = `query Links($filter: ArticleFilter, $search: String, $kinds: [SubjectKind!], $minCount: Int, $first: Int) {
  links(filter: $filter, search: $search, kinds: $kinds, minCount: $minCount, first: $first) {
    articleCount
    nodes { id kind articleCount entity { ... on Topic { slug name } ... on Organisation { slug name } ... on Place { slug name } ... on Person { slug name } } }
    edges { source target count jaccard lift }
  }
}`;

describe('link graph exports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  async function apiLinks(variables: Record<string, unknown>): Promise<ApiLinkGraph> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LINKS_QUERY, variables }),
    });
    const body = (await response.json()) as { data: { links: ApiLinkGraph }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data.links;
  }

  const expectedNodes = (graph: ApiLinkGraph) => graph.nodes.map((n) => ({ id: n.id, label: n.entity.name, kind: n.kind, slug: n.entity.slug, articleCount: n.articleCount }));
  const expectedEdges = (graph: ApiLinkGraph) =>
    graph.edges.map((e) => ({ source: e.source, target: e.target, weight: e.count, count: e.count, jaccard: e.jaccard, lift: e.lift }));

  // The same request as export parameters and as the arguments of `links`.
  const cases: { name: string; params: string; variables: Record<string, unknown> }[] = [
    { name: 'no parameters (the field defaults)', params: '', variables: {} },
    {
      name: 'a topic, two kinds, minCount and first',
      params: '?topic=mining&kinds=ORGANISATION,PLACE&minCount=1&first=10',
      variables: { filter: { topics: { any: ['mining'] } }, kinds: ['ORGANISATION', 'PLACE'], minCount: 1, first: 10 },
    },
    {
      name: 'a JSON filter with a date and repeated kinds',
      params: `?filter=${encodeURIComponent(JSON.stringify({ NOT: { kind: 'PAGE' } }))}&from=2018-02-15&kinds=TOPIC&kinds=PERSON&first=100`,
      variables: { filter: { publishedFrom: '2018-02-15', AND: [{ NOT: { kind: 'PAGE' } }] }, kinds: ['TOPIC', 'PERSON'], first: 100 },
    },
    { name: 'a search and minCount 2', params: '?search=mining&minCount=2', variables: { search: 'mining', minCount: 2 } },
  ];

  it.each(cases)('links.gexf has the nodes and edges of the links answer for the same arguments: $name', async ({ params, variables }) => {
    const api = await apiLinks(variables);
    const response = await fetch(`${server.url}/export/links.gexf${params}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gexf+xml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="quipu-links.gexf"');
    const gexf = parseXml(await response.text()).gexf;
    expect(gexf.xmlns).toBe('http://gexf.net/1.3');
    expect(gexf.version).toBe('1.3');
    expect(gexf.meta.description).toContain(`of ${api.articleCount} articles`);
    const values = (element: any) => Object.fromEntries(element.attvalues.attvalue.map((a: { for: string; value: string }) => [a.for, a.value]));
    const nodes = (gexf.graph.nodes.node ?? []).map((n: any) => {
      const v = values(n);
      return { id: n.id, label: n.label, kind: v.kind, slug: v.slug, articleCount: Number(v.articleCount) };
    });
    const edges = (gexf.graph.edges.edge ?? []).map((e: any) => {
      const v = values(e);
      return { source: e.source, target: e.target, weight: Number(e.weight), count: Number(v.count), jaccard: Number(v.jaccard), lift: Number(v.lift) };
    });
    expect(nodes).toEqual(expectedNodes(api));
    expect(edges).toEqual(expectedEdges(api));
    const ids = new Set(nodes.map((n: { id: string }) => n.id));
    expect(edges.every((e: { source: string; target: string }) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it.each(cases)('links.graphml has the nodes and edges of the links answer for the same arguments: $name', async ({ params, variables }) => {
    const api = await apiLinks(variables);
    const response = await fetch(`${server.url}/export/links.graphml${params}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="quipu-links.graphml"');
    const graphml = parseXml(await response.text()).graphml;
    expect(graphml.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    const names = new Map<string, string>(graphml.key.map((k: any) => [k.id, k['attr.name']]));
    const data = (element: any) => Object.fromEntries(element.data.map((d: any) => [names.get(d.key), d['#text'] ?? '']));
    expect(Number(data(graphml.graph).articleCount)).toBe(api.articleCount);
    const nodes = (graphml.graph.node ?? []).map((n: any) => {
      const d = data(n);
      return { id: n.id, label: d.label, kind: d.kind, slug: d.slug, articleCount: Number(d.articleCount) };
    });
    const edges = (graphml.graph.edge ?? []).map((e: any) => {
      const d = data(e);
      return { source: e.source, target: e.target, weight: Number(d.weight), count: Number(d.count), jaccard: Number(d.jaccard), lift: Number(d.lift) };
    });
    expect(nodes).toEqual(expectedNodes(api));
    expect(edges).toEqual(expectedEdges(api));
  });

  it.each(cases)('links.csv lists the edges of the links answer for the same arguments, both ends named: $name', async ({ params, variables }) => {
    const api = await apiLinks(variables);
    const response = await fetch(`${server.url}/export/links.csv${params}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = await parseCsv(await response.text());
    const byId = new Map(expectedNodes(api).map((n) => [n.id, n]));
    expect(rows.map((r) => ({ ...r, count: Number(r.count), jaccard: Number(r.jaccard), lift: Number(r.lift) }))).toEqual(
      api.edges.map((e) => ({
        source: e.source,
        target: e.target,
        sourceLabel: byId.get(e.source)!.label,
        targetLabel: byId.get(e.target)!.label,
        sourceKind: byId.get(e.source)!.kind,
        targetKind: byId.get(e.target)!.kind,
        sourceSlug: byId.get(e.source)!.slug,
        targetSlug: byId.get(e.target)!.slug,
        count: e.count,
        jaccard: e.jaccard,
        lift: e.lift,
      })),
    );
  });

  it('the seed network is not empty, so the comparisons above compare something', async () => {
    const api = await apiLinks({});
    expect(api.nodes.length).toBeGreaterThan(1);
    expect(api.edges.length).toBeGreaterThan(0);
  });

  it('bad parameters get 400 with the parameter, the value and what is allowed', async () => {
    const bad = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(400);
      return ((await response.json()) as ErrorBody).errors[0];
    };
    expect((await bad('/export/links.gexf?kinds=TOPIC,THING')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      parameter: 'kinds',
      value: 'THING',
      allowed: 'TOPIC, ORGANISATION, PLACE, PERSON',
    });
    expect((await bad('/export/links.graphml?minCount=two')).extensions).toMatchObject({ parameter: 'minCount', value: 'two' });
    expect((await bad('/export/links.csv?orderBy=count')).extensions).toMatchObject({ parameter: 'orderBy', value: 'count' });
  });

  it('an unknown slug is the API’s BAD_USER_INPUT, answered 400', async () => {
    const response = await fetch(`${server.url}/export/links.gexf?place=atlantis`);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as ErrorBody).errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('"atlantis"');
  });
});
