import { aggregatesFromScratch, aggregatesStored } from '../src/db/link-aggregates';
import { ingestFiles, loadSource, seedFiles } from '../src/ingest/pipeline';
import { relinkArticles } from '../src/ingest/relink';
import { PartnerKeys } from '../src/partner/keys';
import { rebuildTimeline, TIMELINE_TABLE } from '../src/timeline/timeline.counts';
import {
  DeskAcceptDocument,
  DeskArticleDocument,
  DeskAuditDocument,
  DeskChangesDocument,
  DeskCountsDocument,
  DeskCreateArticleDocument,
  DeskCreateEntityDocument,
  DeskDeleteArticleDocument,
  DeskLinkDocument,
  DeskMergeDocument,
  DeskNodeDocument,
  DeskOrganisationDocument,
  DeskRejectDocument,
  DeskSuggestionsDocument,
  DeskUnlinkDocument,
  DeskUpdateArticleDocument,
  DeskUpdateEntityDocument,
} from './generated/graphql';
import { NEWS } from './support/seed-slugs';
import { seedCatalogue, seedsDir, startServer, type TestServer } from './support/server';

let server: TestServer;
let editor: string;
let partner: string;

beforeAll(async () => {
  server = await startServer();
  const keys = new PartnerKeys(server.sql);
  editor = (await keys.create({ name: 'Ana (desk)', role: 'editor', origins: [] })).secret;
  partner = (await keys.create({ name: 'Partner site', origins: [] })).secret;
});
afterAll(() => server.close());

/** The whole seed ingested again, as `npm run seed` does. */
const reseed = () => ingestFiles(server.sql, seedFiles(seedsDir), { catalogue: seedCatalogue(), source: loadSource(seedsDir) });

const article = async (slug: string) => (await server.query(DeskArticleDocument, { slug })).article!;

/** Every stored aggregate equals the same figures counted from the rows; the API's totals and facets equal a count. */
async function expectAggregatesExact() {
  const timeline = () => server.sql.all(`SELECT * FROM ${TIMELINE_TABLE} ORDER BY 1, 2, 3`);
  const kept = await timeline();
  await server.sql.transaction((sql) => rebuildTimeline(sql));
  expect(kept).toEqual(await timeline());
  for (const [name, text] of Object.entries(aggregatesStored)) {
    expect([name, await server.sql.all(text)]).toEqual([name, await server.sql.all(aggregatesFromScratch[name as keyof typeof aggregatesFromScratch])]);
  }
  if (server.sql.dialect.engine === 'postgres') {
    // PostgreSQL keeps each search word's article count (a one-word search's total): the same as counted now.
    const words = (text: string) => server.sql.all<{ word: string; articles: number }>(`${text} ORDER BY word`);
    expect(await words('SELECT word, articles FROM search_word')).toEqual(await words("SELECT word, ndoc AS articles FROM ts_stat('SELECT search_vector FROM article')"));
  }
  const answer = (await server.query(DeskCountsDocument, {})).articles;
  expect(answer.totalCount).toBe((await server.sql.get<{ n: number }>('SELECT count(*) AS n FROM article'))!.n);
  const topics = await server.sql.all<{ slug: string; n: number }>(
    'WITH RECURSIVE up(article, id) AS (SELECT article_id, subject_id FROM article_link WHERE subject_kind = ? UNION SELECT up.article, t.parent_id FROM up JOIN topic t ON t.id = up.id WHERE t.parent_id IS NOT NULL) ' +
      'SELECT t.slug, count(DISTINCT up.article) AS n FROM up JOIN topic t ON t.id = up.id GROUP BY t.slug',
    ['TOPIC'],
  );
  const facet = new Map(answer.facets.topics.map((f) => [f.topic.slug, f.count]));
  for (const { slug, n } of topics) expect([slug, facet.get(slug)]).toEqual([slug, n]);
}

describe('who may write', () => {
  it('answers 401 without a key and 403 with a partner key, and writes nothing', async () => {
    const { id } = await article(NEWS.michiquillay);
    const { id: topic } = (await article(NEWS.michiquillay)).mentions.find((m) => m.kind === 'TOPIC')!.subject as { id: string };
    for (const [key, status, code] of [
      [undefined, 401, 'UNAUTHENTICATED'],
      [partner, 403, 'FORBIDDEN'],
    ] as const) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query: 'mutation ($a: ID!, $s: ID!) { unlinkSubject(article: $a, subject: $s) { id } }', variables: { a: id, s: topic } }),
      });
      expect(response.status).toBe(status);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe(code);
      expect(body.errors[0].message).toMatch(/editor/);
    }
    expect((await article(NEWS.michiquillay)).version).toBe(1);
  });

  it('refuses every mutation to a partner key, before it runs', async () => {
    const mutations = [
      'mutation { createArticle(input: { title: "T", summary: "S" }) { id } }',
      'mutation { updateArticle(id: "QXJ0aWNsZTox", expectedVersion: 1, input: { title: "T" }) { id } }',
      'mutation { deleteArticle(id: "QXJ0aWNsZTox") { id } }',
      'mutation { linkSubject(article: "QXJ0aWNsZTox", subject: "VG9waWM6MQ") { id } }',
      'mutation { unlinkSubject(article: "QXJ0aWNsZTox", subject: "VG9waWM6MQ") { id } }',
      'mutation { createEntity(input: { kind: PERSON, name: "N" }) { __typename } }',
      'mutation { updateEntity(id: "VG9waWM6MQ", expectedVersion: 1, input: { name: "N" }) { __typename } }',
      'mutation { mergeEntities(into: "VG9waWM6MQ", from: ["VG9waWM6Mg"]) { __typename } }',
      'mutation { acceptSuggestion(input: { text: "N" }) { __typename } }',
      'mutation { rejectSuggestion(text: "N") }',
      'mutation { createApiKey(input: { name: "N" }) { secret } }',
      'mutation { revokeApiKey(id: "1") { id } }',
    ];
    const audited = (await server.sql.get<{ n: number }>('SELECT count(*) AS n FROM audit_entry'))!.n;
    for (const query of mutations) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${partner}` },
        body: JSON.stringify({ query }),
      });
      expect([query, response.status]).toEqual([query, 403]);
    }
    expect((await server.sql.get<{ n: number }>('SELECT count(*) AS n FROM audit_entry'))!.n).toBe(audited);
  });

  it('refuses a mutation sent by GET (405), even with an editor key', async () => {
    const query = encodeURIComponent('mutation { rejectSuggestion(text: "Anything") }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { accept: 'application/json', authorization: `Bearer ${editor}` } });
    expect(response.status).toBe(405);
  });

  it('lets an admin key manage keys over the API, and no other key', async () => {
    const admin = (await new PartnerKeys(server.sql).create({ name: 'Admin', role: 'admin', origins: [] })).secret;
    const create = 'mutation { createApiKey(input: { name: "Newsroom", role: EDITOR }) { secret key { id role name } } }';
    const post = async (query: string, key: string) =>
      (await (
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) })
      ).json()) as { data?: Record<string, never>; errors?: { extensions: { code: string } }[] };
    expect((await post(create, editor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await post('{ apiKeys { name } }', editor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const made = (await post(create, admin)).data!.createApiKey as { secret: string; key: { id: string; role: string; name: string } };
    expect(made.key).toMatchObject({ role: 'EDITOR', name: 'Newsroom' });
    const audit = await server.request(DeskAuditDocument, {}, made.secret);
    expect(audit.errors).toBeUndefined();
    expect((await post(`mutation { revokeApiKey(id: "${made.key.id}") { revokedAt } }`, admin)).data!.revokeApiKey).toEqual({ revokedAt: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await server.request(DeskAuditDocument, {}, made.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the audit log to editors', async () => {
    const refused = await server.request(DeskAuditDocument, {}, partner);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.request(DeskAuditDocument, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('links', () => {
  it('an unlinked rule link stays unlinked through a re-seed and a re-link, and a linked one stays linked', async () => {
    const before = await article(NEWS.tiaMaria);
    const ruleOrg = before.mentions.find((m) => m.kind === 'ORGANISATION' && m.provenance === 'RULE')!;
    const orgId = (ruleOrg.subject as { id: string }).id;
    const place = (await server.query(DeskArticleDocument, { slug: NEWS.maap })).article!.mentions.find(
      (m) => m.kind === 'PLACE' && !before.mentions.some((b) => (b.subject as { id: string }).id === (m.subject as { id: string }).id),
    )!;
    const placeId = (place.subject as { id: string }).id;

    const unlinked = await server.query(DeskUnlinkDocument, { article: before.id, subject: orgId, expectedVersion: before.version }, editor);
    expect(unlinked.unlinkSubject.version).toBe(before.version + 1);
    const linked = await server.query(DeskLinkDocument, { article: before.id, subject: placeId, expectedVersion: unlinked.unlinkSubject.version }, editor);
    expect(linked.linkSubject.version).toBe(before.version + 2);

    const check = async () => {
      const now = await article(NEWS.tiaMaria);
      const ids = now.mentions.map((m) => (m.subject as { id: string }).id);
      expect(ids).not.toContain(orgId);
      const mine = now.mentions.find((m) => (m.subject as { id: string }).id === placeId)!;
      expect([mine.provenance, mine.editor?.name]).toEqual(['EDITOR', 'Ana (desk)']);
    };
    await check();
    const report = await reseed();
    expect(report.errors).toEqual([]);
    await check();
    await relinkArticles(server.sql, seedCatalogue());
    await check();
    await expectAggregatesExact();

    const audit = (await server.query(DeskAuditDocument, { subject: before.id }, editor)).auditLog.nodes;
    expect(audit.map((entry) => [entry.action, entry.editor])).toEqual([
      ['LINKED', 'Ana (desk)'],
      ['UNLINKED', 'Ana (desk)'],
    ]);
    expect(audit[1].before).toMatchObject({ provenance: 'RULE' });
  });

  it('refuses a write on a stale version with CONFLICT and changes nothing', async () => {
    const now = await article(NEWS.fraser);
    const topic = now.mentions.find((m) => m.kind === 'TOPIC')!;
    const stale = await server.request(DeskUnlinkDocument, { article: now.id, subject: (topic.subject as { id: string }).id, expectedVersion: now.version - 1 + 5 }, editor);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: now.version });
    expect(stale.errors?.[0].message).toMatch(/expectedVersion: 1/);
    expect(await article(NEWS.fraser)).toEqual(now);
  });
});

describe('articles', () => {
  it('an article written by hand is linked, counted, searched, listed as a change, and can be changed and deleted', async () => {
    // The end of the change log so far: the seed's subjects and articles, a page at a time.
    let end: string | null = null;
    for (let more = true; more; ) {
      const page: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } = (await server.query(DeskChangesDocument, { after: end, first: 100 })).changes;
      end = page.pageInfo.endCursor ?? end;
      more = page.pageInfo.hasNextPage;
    }
    const created = (
      await server.query(
        DeskCreateArticleDocument,
        {
          input: {
            title: 'Southern Copper suspends Tía María after protests',
            summary: 'Southern Copper said it would suspend work at Tía María in Arequipa after protests by farmers over water and mining.',
            publishedAt: '2019-08-09',
          },
        },
        editor,
      )
    ).createArticle;
    expect(created.slug).toBe('2019-08-09-southern-copper-suspends-tia-maria-after-protests');
    expect(created.kind).toBe('NEWS');
    expect(created.organisations.map((o) => o.slug)).toContain('southern-copper');
    expect(created.topics.map((t) => t.slug)).toContain('mining');
    const search = (await server.query(DeskCountsDocument, { search: 'suspends' })).articles;
    expect(search.nodes.map((n) => n.slug)).toEqual([created.slug]);
    await expectAggregatesExact();

    const updated = (await server.query(DeskUpdateArticleDocument, { id: created.id, expectedVersion: 1, input: { title: 'Southern Copper halts Tía María' } }, editor))
      .updateArticle;
    expect([updated.title, updated.version]).toEqual(['Southern Copper halts Tía María', 2]);
    const stale = await server.request(DeskUpdateArticleDocument, { id: created.id, expectedVersion: 1, input: { title: 'Lost update' } }, editor);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');

    const since = new Date(Date.now() - 60_000).toISOString();
    const polled = await server.query(DeskCountsDocument, { filter: { updatedSince: since } });
    expect(polled.articles.nodes.map((n) => n.slug)).toContain(created.slug);
    expect(polled.articles.totalCount).toBe((await server.sql.get<{ n: number }>('SELECT count(*) AS n FROM article WHERE updated_at >= ?', [since]))!.n);
    const inFeed = async () =>
      ((await (await fetch(`${server.url}/feeds/topic/mining.json`)).json()) as { items: { url: string }[] }).items.some((i) => i.url.endsWith(created.slug));
    expect(await inFeed()).toBe(true);

    const deleted = (await server.query(DeskDeleteArticleDocument, { id: created.id, expectedVersion: 2 }, editor)).deleteArticle;
    expect(await inFeed()).toBe(false);
    expect(deleted).toEqual({ id: created.id, slug: created.slug });
    expect((await server.query(DeskNodeDocument, { id: created.id })).node).toBeNull();
    expect((await server.query(DeskCountsDocument, { search: 'halts' })).articles.totalCount).toBe(0);
    await expectAggregatesExact();
    const again = await server.request(DeskCreateArticleDocument, { input: { title: 'x', summary: 'y', slug: created.slug } }, editor);
    expect(again.errors?.[0].message).toMatch(/is taken/);

    const changes = (await server.query(DeskChangesDocument, { after: end, first: 100 })).changes.nodes;
    const mine = changes.filter((c) => c.nodeId === created.id).map((c) => c.action);
    expect(mine).toEqual(['CREATED', 'UPDATED', 'DELETED']);
    const sequences = changes.map((c) => c.sequence);
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0] + i));
  });

  it('a deleted seed article stays deleted through `npm run seed`, and an edited one keeps the editor’s text', async () => {
    const gone = await article(NEWS.mercury);
    await server.query(DeskDeleteArticleDocument, { id: gone.id }, editor);
    const kept = await article(NEWS.growth);
    await server.query(DeskUpdateArticleDocument, { id: kept.id, expectedVersion: kept.version, input: { title: 'Growth slows (corrected)' } }, editor);
    const report = await reseed();
    expect(report.deleted).toBe(1);
    expect((await server.query(DeskArticleDocument, { slug: NEWS.mercury })).article).toBeNull();
    expect((await article(NEWS.growth)).title).toBe('Growth slows (corrected)');
    await expectAggregatesExact();
  });
});

describe('entities', () => {
  it('a renamed organisation keeps its old slug resolving, and merged ones resolve to the survivor with their links', async () => {
    const created = (
      await server.query(DeskCreateEntityDocument, { input: { kind: 'ORGANISATION', name: 'Mining Watch Test', organisationKind: 'NGO', aliases: ['MWT'] } }, editor)
    ).createEntity as { id: string; slug: string; version: number };
    expect(created.slug).toBe('mining-watch-test');
    const renamed = (await server.query(DeskUpdateEntityDocument, { id: created.id, expectedVersion: 1, input: { slug: 'mining-watch', name: 'Mining Watch' } }, editor))
      .updateEntity as { slug: string; version: number };
    expect(renamed).toMatchObject({ slug: 'mining-watch', version: 2 });
    expect((await server.query(DeskOrganisationDocument, { slug: 'mining-watch-test' })).organisation?.slug).toBe('mining-watch');

    // A channel that follows the organisation by its slug.
    await server.sql.run('INSERT INTO channel (slug, title, description, filter) VALUES (?, ?, ?, ?)', [
      'watching-mining-watch',
      'Mining Watch',
      'Follows it.',
      JSON.stringify({ organisations: { any: ['mining-watch'] } }),
    ]);
    const southern = (await server.query(DeskOrganisationDocument, { slug: 'southern-copper' })).organisation!;
    const tia = await article(NEWS.michiquillay);
    await server.query(DeskLinkDocument, { article: tia.id, subject: created.id }, editor);
    const merged = (await server.query(DeskMergeDocument, { into: southern.id, from: [created.id] }, editor)).mergeEntities as { aliases: string[]; slug: string };
    expect(merged.slug).toBe('southern-copper');
    // The article whose link moved is listed as changed, for a mirror to read again.
    const recent = await server.sql.all<{ id: number }>("SELECT node_id AS id FROM change_entry WHERE action = 'UPDATED' AND node_type = 'Article' ORDER BY seq DESC LIMIT 5");
    expect(recent.map((r) => r.id)).toContain(Number(Buffer.from(tia.id, 'base64url').toString().split(':')[1]));
    expect(merged.aliases).toEqual(expect.arrayContaining(['Mining Watch', 'MWT']));
    expect((await server.query(DeskNodeDocument, { id: created.id })).node).toEqual({ __typename: 'Organisation', slug: 'southern-copper' });
    expect((await server.query(DeskOrganisationDocument, { slug: 'mining-watch' })).organisation?.slug).toBe('southern-copper');
    expect(await server.sql.get('SELECT filter FROM channel WHERE slug = ?', ['watching-mining-watch'])).toEqual({
      filter: JSON.stringify({ organisations: { any: ['southern-copper'] } }),
    });
    const feed = (await (await fetch(`${server.url}/feeds/organisation/mining-watch.json`)).json()) as { title: string; items: { url: string }[] };
    expect(feed.items.some((i) => i.url.endsWith(NEWS.michiquillay))).toBe(true);
    const filtered = await server.query(DeskCountsDocument, { filter: { organisations: { any: ['mining-watch-test'] } } });
    expect(filtered.articles.totalCount).toBe((await server.query(DeskOrganisationDocument, { slug: 'southern-copper' })).organisation!.articles.totalCount);
    await reseed();
    expect((await server.query(DeskOrganisationDocument, { slug: 'mining-watch' })).organisation?.slug).toBe('southern-copper');
    await expectAggregatesExact();
  });

  it('accepting a suggestion links every article that uses the name; a rejected one is no longer suggested', async () => {
    await server.query(
      DeskCreateArticleDocument,
      {
        input: {
          title: 'Communities meet the mining company',
          summary: 'Leaders of the communities met the company on Monday.',
          body: 'The Frente de Defensa Wayra Kallpa and the Asociación Qori Ñan asked for a water study.',
          publishedAt: '2019-09-01',
        },
      },
      editor,
    );
    const suggestions = (await server.query(DeskSuggestionsDocument)).entitySuggestions.nodes;
    const accept = suggestions.find((s) => s.text === 'Frente de Defensa Wayra Kallpa')!;
    const reject = suggestions.find((s) => s.text === 'Asociación Qori Ñan')!;
    expect([accept?.kind, reject?.kind]).toEqual(['ORGANISATION', 'ORGANISATION']);
    const subject = (await server.query(DeskAcceptDocument, { input: { text: accept.text } }, editor)).acceptSuggestion as { id: string; slug: string };
    const linked = await server.sql.get<{ n: number }>('SELECT count(*) AS n FROM article_link WHERE subject_kind = ? AND subject_id = ?', [
      accept.kind,
      Number(Buffer.from(subject.id, 'base64url').toString().split(':')[1]),
    ]);
    expect(linked!.n).toBe(accept.articleCount);
    expect(await server.query(DeskRejectDocument, { text: reject.text }, editor)).toEqual({ rejectSuggestion: true });
    const after = (await server.query(DeskSuggestionsDocument)).entitySuggestions.nodes.map((n) => n.text);
    expect(after).not.toContain(accept.text);
    expect(after).not.toContain(reject.text);
    await expectAggregatesExact();
  });

  it('a topic whose slug an editor changed keeps its rules: re-linking still finds it', async () => {
    const before = (await server.query(DeskCountsDocument, { filter: { topics: { any: ['pollution'] } } })).articles.totalCount;
    expect(before).toBeGreaterThan(0);
    const [{ id, version }] = await server.sql.all<{ id: number; version: number }>("SELECT id, version FROM topic WHERE slug = 'pollution'");
    const topicId = Buffer.from(`Topic:${id}`).toString('base64url');
    await server.query(DeskUpdateEntityDocument, { id: topicId, expectedVersion: version, input: { slug: 'contamination' } }, editor);
    await relinkArticles(server.sql, seedCatalogue());
    expect((await server.query(DeskCountsDocument, { filter: { topics: { any: ['contamination'] } } })).articles.totalCount).toBe(before);
    expect((await server.query(DeskCountsDocument, { filter: { topics: { any: ['pollution'] } } })).articles.totalCount).toBe(before);
  });
});
