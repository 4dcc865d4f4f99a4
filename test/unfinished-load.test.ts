import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/data-source';
import { UnfinishedLoad } from '../src/db/sql';
import { BulkWriter } from '../src/ingest/bulk';
import { createExtractor } from '../src/ingest/extract';
import { runSyntheticCli } from '../src/synthetic/cli';
import { createCorpus, SYNTHETIC_NOW, SYNTHETIC_SOURCE } from '../src/synthetic/corpus';
import { startServer } from './support/server';

/**
 * A bulk load killed between any two of its transactions (within one, SQLite's atomic commit
 * leaves the one before): here, after its first batch, with the indexes and triggers it dropped
 * not yet rebuilt.
 */
async function loadCutShort(file: string): Promise<void> {
  const database = await openDatabase(file);
  const { catalogue, articles } = createCorpus(3, 300);
  const writer = await BulkWriter.open(database.sql, SYNTHETIC_SOURCE, catalogue, SYNTHETIC_NOW, { deferIndexes: true, deferSearchIndex: true });
  const extract = createExtractor(catalogue);
  await writer.write(articles.batch(100).map((item) => ({ item, links: extract(item) })));
  await database.close(); // no finish(): the process died here
}

describe('a bulk load cut short', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-cut-'));
    file = path.join(dir, 'cut.db');
    await loadCutShort(file);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is never served or ingested into: opening it says what happened and what to do', async () => {
    await expect(openDatabase(file)).rejects.toThrow(UnfinishedLoad);
    await expect(openDatabase(file)).rejects.toThrow(/holds a bulk load that did not finish .*: its indexes, search index and aggregates are incomplete.*npm run seed:synthetic/);
    await expect(startServer({ prebuilt: file })).rejects.toThrow(UnfinishedLoad);
  });

  it('is started over by running the load again, which then completes', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSyntheticCli(['--articles', '300', '--seed', '3', '--database', `sqlite:${file}`], {}, { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(err.join('\n')).toMatch(/holds a load that did not finish .*: starting over/);
    expect(code).toBe(0);
    const server = await startServer({ prebuilt: file });
    try {
      const { articles } = (
        (await await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' }),
        }).then((r) => r.json())) as { data: { articles: { totalCount: number } } }
      ).data;
      expect(articles.totalCount).toBe(300);
      // The indexes, the search index and the aggregates the load rebuilds are all there again.
      const [{ n }] = await server.sql.all<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'link_agg_%'");
      expect(n).toBeGreaterThan(0);
      const [{ total }] = await server.sql.all<{ total: number }>('SELECT articles AS total FROM link_total');
      expect(total).toBe(300);
    } finally {
      await server.close();
    }
  });
});
