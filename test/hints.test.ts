import { PartnerKeys } from '../src/partner/keys';
import {
  DeskArticleDocument,
  DeskCountsDocument,
  DeskCreateEntityDocument,
  DeskDeleteArticleDocument,
  DeskLinkDocument,
  DeskMergeDocument,
  DeskOrganisationDocument,
} from './generated/graphql';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

/**
 * A list's filter slugs and an article's slug are acted on from what earlier requests found (db/hints.ts)
 * while they are read again. These tests make that memory wrong on purpose, through the desk, and check
 * that the answers follow the database, not the memory.
 */
let server: TestServer;
let editor: string;

beforeAll(async () => {
  // No response cache: one test writes through SQL, which the cache's change logs do not see (the desk's writes they do).
  server = await startServer({ cacheResponses: false });
  editor = (await new PartnerKeys(server.sql).create({ name: 'Desk', role: 'editor', origins: [] })).secret;
});
afterAll(() => server.close());

/** The statements `run` costs, by the server's own counter. */
async function statementsFor<T>(run: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const before = await server.sqlStatements();
  const result = await run();
  return { statements: (await server.sqlStatements()) - before, result };
}

const list = async (organisation: string) => {
  const { articles } = await server.query(DeskCountsDocument, { filter: { organisations: { any: [organisation] } } });
  return { totalCount: articles.totalCount, slugs: articles.nodes.map((node) => node.slug), facets: articles.facets };
};

it('a list filtered by a slug merged into another since it was last asked lists the survivor’s articles', async () => {
  const watch = (await server.query(DeskCreateEntityDocument, { input: { kind: 'ORGANISATION', name: 'Hint Watch', organisationKind: 'NGO' } }, editor)).createEntity as {
    id: string;
    slug: string;
  };
  const article = (await server.query(DeskArticleDocument, { slug: NEWS.michiquillay })).article!;
  await server.query(DeskLinkDocument, { article: article.id, subject: watch.id }, editor);
  // Asked twice: the second time, the list is read beside the slug's resolution, from the id the first found.
  for (let i = 0; i < 2; i++) expect(await list(watch.slug)).toMatchObject({ totalCount: 1, slugs: [NEWS.michiquillay] });

  const southern = (await server.query(DeskOrganisationDocument, { slug: 'southern-copper' })).organisation!;
  await server.query(DeskMergeDocument, { into: southern.id, from: [watch.id] }, editor);
  // The old slug now names the survivor: its list, not the merged subject's (which has no links left). The hint was
  // acted on: the list read from the old id is read again, so the first answer costs more statements than the next.
  const stale = await statementsFor(() => list(watch.slug));
  const fresh = await statementsFor(() => list(watch.slug));
  expect(stale.statements).toBeGreaterThan(fresh.statements);
  const merged = stale.result;
  expect(fresh.result).toEqual(merged);
  expect(merged).toEqual(await list('southern-copper'));
  expect(merged.totalCount).toBeGreaterThan(1);
  expect(merged.slugs).toContain(NEWS.michiquillay);
});

it('a filter slug unknown when first asked is an error until it names something, and then lists it', async () => {
  const asked = () => server.request(DeskCountsDocument, { filter: { organisations: { any: ['hint-later'] } } });
  for (let i = 0; i < 2; i++) expect((await asked()).errors?.[0].message).toContain('unknown slugs: organisation "hint-later"');
  const later = (await server.query(DeskCreateEntityDocument, { input: { kind: 'ORGANISATION', name: 'Hint Later', organisationKind: 'NGO' } }, editor)).createEntity as {
    id: string;
    slug: string;
  };
  expect(later.slug).toBe('hint-later');
  const article = (await server.query(DeskArticleDocument, { slug: NEWS.michiquillay })).article!;
  await server.query(DeskLinkDocument, { article: article.id, subject: later.id }, editor);
  for (let i = 0; i < 2; i++) expect(await list('hint-later')).toMatchObject({ totalCount: 1, slugs: [NEWS.michiquillay] });
});

it('an article asked by a slug that names another article since has that article’s own fields, and a deleted one is null', async () => {
  const [a, b] = await server.sql.all<{ id: number; slug: string }>(
    'SELECT a.id, a.slug FROM article a WHERE EXISTS (SELECT 1 FROM article_link l WHERE l.article_id = a.id) ORDER BY a.id LIMIT 2',
  );
  const before = (await server.query(DeskArticleDocument, { slug: b.slug })).article!;
  // Their fields differ, so that one's showing in the other's answer would be seen.
  expect(before.mentions).not.toEqual((await server.query(DeskArticleDocument, { slug: a.slug })).article!.mentions);
  for (let i = 0; i < 2; i++) expect((await server.query(DeskArticleDocument, { slug: a.slug })).article!.slug).toBe(a.slug);
  // Slugs are never given again through the API; the database is told directly that b now has a's slug.
  await server.sql.transaction(async (tx) => {
    await tx.run('UPDATE article SET slug = ? WHERE id = ?', [`${a.slug}-was`, a.id]);
    await tx.run('UPDATE article SET slug = ? WHERE id = ?', [a.slug, b.id]);
  });
  // The hint names a; the fields are loaded for it ahead of the row (on SQLite, in the same statements as b's: a row by
  // slug is read on the event loop, before the loaders' batch goes out), and then for b.
  const hint = `article:slug:${a.slug}`;
  expect(server.sql.hints.get(hint)).toMatchObject({ id: a.id });
  const read = (await server.query(DeskArticleDocument, { slug: a.slug })).article!;
  expect(server.sql.hints.get(hint)).toMatchObject({ id: b.id });
  expect({ ...read, slug: b.slug, updatedAt: null, version: null }).toEqual({ ...before, updatedAt: null, version: null });

  await server.query(DeskDeleteArticleDocument, { id: read.id }, editor);
  expect((await server.query(DeskArticleDocument, { slug: a.slug })).article).toBeNull();
});
