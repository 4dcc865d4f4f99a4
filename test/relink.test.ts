import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Provenance } from '../src/article/mention-kinds';
import { openDatabase } from '../src/db/data-source';
import { aggregatesFromScratch, aggregatesStored } from '../src/db/link-aggregates';
import type { Sql } from '../src/db/sql';
import { loadCatalogue, parseCatalogue } from '../src/ingest/catalogue';
import { runIngestCli } from '../src/ingest/cli';
import { ingestFiles, loadSource, seedFiles } from '../src/ingest/pipeline';
import { catalogueFingerprint, relinkArticles, storedFingerprint } from '../src/ingest/relink';
import { runRelinkCli } from '../src/ingest/relink.cli';
import { rebuildTimeline, TIMELINE_TABLE } from '../src/timeline/timeline.counts';
import { seedsDir } from './support/server';

const ROOT = path.join(__dirname, '..');
const FILES = [seedFiles(seedsDir)[0], path.join(ROOT, 'eval/devset/news-es.txt')];
const source = loadSource(seedsDir);
const catalogue = loadCatalogue(seedsDir);
/** The catalogue as the seed's own files had it: its gazetteer, without catalogue/ and the reference table. */
const seedOnly = parseCatalogue(fs.readFileSync(path.join(seedsDir, 'taxonomy.yaml'), 'utf8'), fs.readFileSync(path.join(seedsDir, 'gazetteer.yaml'), 'utf8'));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-relink-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const SUBJECT_SLUG = `coalesce((SELECT slug FROM topic WHERE l.subject_kind = 'TOPIC' AND id = l.subject_id), (SELECT slug FROM organisation WHERE l.subject_kind = 'ORGANISATION' AND id = l.subject_id), (SELECT slug FROM place WHERE l.subject_kind = 'PLACE' AND id = l.subject_id), (SELECT slug FROM person WHERE l.subject_kind = 'PERSON' AND id = l.subject_id))`;
/** Every link by article and subject slug (ids differ between databases). */
const links = (sql: Sql) =>
  sql.all<{ article: string; kind: string; subject: string; relevance: number; provenance: string; evidence: string }>(
    `SELECT a.slug AS article, l.subject_kind AS kind, ${SUBJECT_SLUG} AS subject, l.relevance, l.provenance, l.evidence FROM article_link l JOIN article a ON a.id = l.article_id ORDER BY 1, 2, 3`,
  );

describe('relinking', () => {
  it('links every stored article as a fresh ingest with the new catalogue would, keeps editors’ links, and keeps the aggregates exact', async () => {
    const fresh = await openDatabase(path.join(dir, 'fresh.db'));
    const old = await openDatabase(path.join(dir, 'old.db'));
    try {
      await ingestFiles(fresh.sql, FILES, { catalogue, source, now: '2026-01-01T00:00:00.000Z' });
      await ingestFiles(old.sql, FILES, { catalogue: seedOnly, source, now: '2026-01-01T00:00:00.000Z' });
      const before = await links(old.sql);
      // An editor confirmed one link by hand, with a relevance of their own.
      await old.sql.run(
        `UPDATE article_link SET provenance = ?, relevance = 1 WHERE rowid = (SELECT l.rowid FROM article_link l JOIN organisation o ON l.subject_kind = 'ORGANISATION' AND o.id = l.subject_id WHERE o.slug = 'southern-copper' LIMIT 1)`,
        [Provenance.EDITOR],
      );
      const report = await relinkArticles(old.sql, catalogue);
      expect(report.articles).toBe(14 + 22);
      expect(report.linksAfter).toBeGreaterThan(report.linksBefore);

      const after = await links(old.sql);
      const editors = after.filter((l) => l.provenance === Provenance.EDITOR);
      expect(editors.map((l) => [l.subject, l.relevance])).toEqual([['southern-copper', 1]]);
      const key = (l: { article: string; kind: string; subject: string }) => `${l.article} ${l.kind} ${l.subject}`;
      const edited = new Set(editors.map(key));
      expect(after.filter((l) => !edited.has(key(l)))).toEqual((await links(fresh.sql)).filter((l) => !edited.has(key(l))));
      expect(after).not.toEqual(before);

      // The per-day timeline equals one counted from scratch; the co-occurrence aggregates equal a GROUP BY.
      const timeline = () => old.sql.all(`SELECT * FROM ${TIMELINE_TABLE} ORDER BY 1, 2, 3`);
      const kept = await timeline();
      await old.sql.transaction((sql) => rebuildTimeline(sql));
      expect(kept).toEqual(await timeline());
      for (const [name, text] of Object.entries(aggregatesStored))
        expect([name, await old.sql.all(text)]).toEqual([name, await old.sql.all(aggregatesFromScratch[name as keyof typeof aggregatesFromScratch])]);
      expect(await storedFingerprint(old.sql)).toBe(catalogueFingerprint(catalogue));
    } finally {
      await fresh.close();
      await old.close();
    }
  });

  it('happens when `npm run seed` finds the catalogue changed, and on `npm run relink`', async () => {
    const oldSeeds = path.join(dir, 'old-seeds');
    fs.mkdirSync(oldSeeds);
    for (const file of ['taxonomy.yaml', 'gazetteer.yaml', 'source.yaml']) fs.copyFileSync(path.join(seedsDir, file), path.join(oldSeeds, file));
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}` };
    const lines: string[] = [];
    const output = { out: (line: string) => lines.push(line), err: () => {} };
    const spanish = path.join(ROOT, 'eval/devset/news-es.txt');
    expect(await runIngestCli(['--seeds', oldSeeds, spanish], env, output)).toBe(0);
    const mmg = async () => {
      const { sql, close } = await openDatabase(path.join(dir, 'cli.db'));
      try {
        return (await links(sql)).filter((l) => l.subject === 'mmg').length;
      } finally {
        await close();
      }
    };
    expect(await mmg()).toBe(0);
    // The seed run with the whole catalogue links its own file, then the Spanish news stored before.
    expect(await runIngestCli([FILES[0]], env, output)).toBe(0);
    expect(lines.at(-1)).toMatch(/^the catalogue changed: relinked all 36 stored articles/);
    expect(await mmg()).toBeGreaterThan(0);
    expect(await runRelinkCli([], env, output)).toBe(0);
    expect(lines.at(-1)).toMatch(/^relinked 36 articles in \d+ ms: \d+ rule links before, \d+ after; editors' links kept$/);
  });
});
