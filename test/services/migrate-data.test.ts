/**
 * `npm run migrate-data`: the seeded hub moved from a SQLite file into a new PostgreSQL database answers
 * as the file does, and goes on taking writes. Part of `npm run test:services` (it needs a PostgreSQL server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedChannels } from '../../src/channel/channel.seed';
import { openDatabase } from '../../src/db/data-source';
import { runMigrateCli } from '../../src/db/migrate.cli';
import { postgresMigrations } from '../../src/db/postgres/migrations';
import { ingestFiles, loadSource, seedFiles } from '../../src/ingest/pipeline';
import { PartnerKeys } from '../../src/partner/keys';
import {
  ArticleFacetsDocument,
  ArticleListDocument,
  ArticlesRelatedDocument,
  ArticlesWithRelationsDocument,
  ChannelsWithTotalsAndFacetsDocument,
  DeskChangesDocument,
  DeskCreateArticleDocument,
  LinksDocument,
  PlaceSearchDocument,
  TopicPageDocument,
  TopicTreeDocument,
} from '../generated/graphql';
import { freshPostgresDatabase } from '../support/postgres';
import { seedCatalogue, seedsDir, startServer, type TestServer } from '../support/server';

const AWKWARD_BODIES: [number, string | null][] = [
  [1, 'She said "no", then: \\N,\n""\n\\.\nand\r\nmore\ttabs, ñandú'],
  [2, ''],
  [3, null],
];
let dir: string;
let file: string;
let target: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let sqlite: TestServer | undefined;
let postgres: TestServer | undefined;
const said: string[] = [];
const output = { out: (line: string) => said.push(line), err: (line: string) => said.push(line) };
/** What the copy made in beforeAll said, and its exit code: each test below runs on the copied database, alone or not. */
let copied: { code: number; said: string[] };

/** A server on the file and one on its copy, started on first use. */
async function servers(): Promise<{ sqlite: TestServer; postgres: TestServer }> {
  sqlite ??= await startServer({ prebuilt: file });
  postgres ??= await startServer({ prebuilt: target.url });
  return { sqlite, postgres };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-migrate-'));
  file = path.join(dir, 'quipu.db');
  const source = await openDatabase(file);
  const report = await ingestFiles(source.sql, seedFiles(seedsDir), { catalogue: seedCatalogue(), source: loadSource(seedsDir), now: '2026-01-01T00:00:00.000Z' });
  expect(report.errors).toEqual([]);
  await seedChannels(source.sql, seedsDir);
  await new PartnerKeys(source.sql).create({ name: 'Desk', role: 'editor', origins: [] });
  // Text that COPY's CSV must carry as it is: quotes, commas, line breaks, a backslash, an empty string beside a NULL.
  for (const [id, body] of AWKWARD_BODIES) await source.sql.run('UPDATE article SET body = ? WHERE id = ?', [body, id]);
  await source.close();
  target = await freshPostgresDatabase();
  const code = await runMigrateCli(['migrate-data', '--from', `sqlite:${file}`, '--to', target.url], {}, output);
  copied = { code, said: [...said] };
}, 60_000);

afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
  await target?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run migrate-data', () => {
  it('refuses what it cannot copy, saying why', async () => {
    const refusals: [string[], string][] = [
      [['migrate-data', '--from', `sqlite:${file}`], 'migrate-data needs --from sqlite:<file> and --to postgres://...'],
      [['migrate-data', '--from', target.url, '--to', target.url], '--from must be a SQLite file, sqlite:<file>'],
      [['migrate-data', '--from', `sqlite:${file}`, '--to', `sqlite:${file}`], '--to must be a PostgreSQL database'],
      [['migrate', '--to', target.url], 'npm run migrate takes no --from or --to'],
    ];
    // A database that is not there, and a server that is not there: said in the operator's words, not as a stack.
    const missing = target.url.replace(/\/[^/?]+(\?.*)?$/, '/quipu_no_such_database');
    refusals.push(
      [['migrate-data', '--from', `sqlite:${file}`, '--to', missing], 'database "quipu_no_such_database" does not exist; create it first'],
      [['migrate'], 'check that PostgreSQL is running and listening at that host and port'],
    );
    for (const [argv, message] of refusals) {
      said.length = 0;
      // Port 1 of this machine: nothing listens there.
      expect(await runMigrateCli(argv, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/quipu' }, output)).toBe(1);
      expect(said.join('\n')).toContain(message);
    }
  });

  it('copies every row into the new database, then refuses to copy into it again', async () => {
    expect(copied.code).toBe(0);
    expect(copied.said.at(-1)).toMatch(/^copied \d+ rows in \d+ tables from .* to postgres:\/\/.* in [\d.]+ s \(\d+ rows\/s\)$/);
    expect(copied.said).toContainEqual(expect.stringMatching(/^ {2}article: 14 rows \(\d+\.\d s\)$/));
    const { postgres } = await servers();
    const bodies = await postgres.sql.all<{ id: number; body: string | null }>('SELECT id, body FROM article WHERE id IN (1, 2, 3) ORDER BY id');
    expect(bodies.map(({ id, body }) => [id, body])).toEqual(AWKWARD_BODIES);
    // Vacuumed once committed: every page of the copied tables is marked all-visible, so index-only scans read no rows.
    const visible = await postgres.sql.all<{ table: string; pages: number; visible: number }>(
      "SELECT relname AS \"table\", relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname IN ('article', 'article_link', 'timeline_day') ORDER BY relname",
    );
    expect(visible).toHaveLength(3);
    for (const { pages, visible: all } of visible) {
      expect(pages).toBeGreaterThan(0);
      expect(all).toBe(pages);
    }

    said.length = 0;
    expect(await runMigrateCli(['migrate-data', '--from', `sqlite:${file}`, '--to', target.url], {}, output)).toBe(1);
    expect(said.join('\n')).toMatch(/^the target database is not empty: table \w+ has \d+ rows/);
  });

  it('npm run migrate brings the database DATABASE_URL names up to date, and says so', async () => {
    said.length = 0;
    expect(await runMigrateCli(['migrate'], { DATABASE_URL: target.url }, output)).toBe(0);
    expect(said).toEqual([`${target.url}: the schema is up to date (${postgresMigrations.length} migrations applied)`]);
    said.length = 0;
    expect(await runMigrateCli(['migrate'], { DATABASE_URL: `sqlite:${file}` }, output)).toBe(0);
    expect(said[0]).toMatch(/quipu\.db: the schema is up to date \(\d+ migrations applied\)$/);
  });

  it('leaves a database that answers every query as the file does', async () => {
    const { sqlite, postgres } = await servers();
    const battery = [
      [ArticleListDocument, { first: 50 }],
      [ArticleListDocument, { search: 'mining', orderBy: 'PUBLISHED_AT_DESC', first: 20 }],
      [ArticleListDocument, { filter: { topics: { any: ['mining'] } }, last: 3 }],
      [ArticleFacetsDocument, {}],
      [ArticleFacetsDocument, { filter: { places: { any: ['cajamarca'] } } }],
      [ArticlesWithRelationsDocument, { first: 20 }],
      [ArticlesRelatedDocument, { first: 5, relatedFirst: 3 }],
      [ChannelsWithTotalsAndFacetsDocument, {}],
      [LinksDocument, { minCount: 1, first: 50 }],
      [TopicPageDocument, { slug: 'mining', first: 10 }],
      [TopicTreeDocument, { articlesFirst: 2 }],
      [PlaceSearchDocument, { search: 'caja', first: 10 }],
      [DeskChangesDocument, { first: 50 }],
    ] as const;
    for (const [document, variables] of battery) {
      const [a, b] = await Promise.all([sqlite.request(document as never, variables as never), postgres.request(document as never, variables as never)]);
      expect(a.errors).toBeUndefined();
      // The data, not the cost report (each server has its own budget window).
      expect(b.data).toEqual(a.data);
    }
    for (const route of ['/feeds/topic/mining.json', '/export/articles.csv?first=50']) {
      const [a, b] = await Promise.all([fetch(sqlite.url + route).then((r) => r.text()), fetch(postgres.url + route).then((r) => r.text())]);
      expect(b.replaceAll(postgres.url, '')).toBe(a.replaceAll(sqlite.url, ''));
    }
  });

  it('goes on taking writes: new rows get ids after the copied ones', async () => {
    const { postgres } = await servers();
    const { secret } = await new PartnerKeys(postgres.sql).create({ name: 'Second desk', role: 'editor', origins: [] });
    expect((await postgres.sql.get<{ id: number }>('SELECT max(id) AS id FROM partner_key'))!.id).toBe(2);
    const created = await postgres.query(
      DeskCreateArticleDocument,
      { input: { title: 'Miners strike in Arequipa', summary: 'Workers at a copper mine in Arequipa went on strike.' } },
      secret,
    );
    const { id } = (await postgres.sql.get<{ id: number }>('SELECT max(id) AS id FROM article'))!;
    expect(id).toBe(15);
    expect(created.createArticle.slug).toMatch(/^miners-strike-in-arequipa/);
  });
});
