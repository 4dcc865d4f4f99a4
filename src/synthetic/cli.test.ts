import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSyntheticCli } from './cli';

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return runSyntheticCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out, err: err.join('\n') }));
}

describe('seed:synthetic', () => {
  it.each([
    [['--seed', '1'], /--articles is required/],
    [['--articles', '0'], /--articles must be an integer >= 1, got "0"/],
    [['--articles=-5'], /--articles must be an integer >= 1, got "-5"/],
    [['--articles', '1.5'], /--articles must be an integer >= 1, got "1.5"/],
    [['--articles', '1e3'], /--articles must be an integer >= 1, got "1e3"/],
    [['--articles', 'ten'], /--articles must be an integer/],
    [['--articles', '10', '--seed', 'x'], /--seed must be an integer/],
    [['--articles', '10', '--batch-size', '0'], /--batch-size must be an integer >= 1/],
    [['--articles', '10', '--database', 'mysql://x'], /--database: DATABASE_URL must be sqlite:/],
    [['--articles', '10', '--database', 'postgres://db/quipu'], /--database: the synthetic corpus is built into a SQLite file/],
    [['--articles', '10', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['--articles'], /argument missing/],
  ])('rejects %j with exit code 2 and says why', async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toMatch(message);
    expect(err).toMatch(/Usage: npm run seed:synthetic/);
  });

  it('builds into an empty database, prints one line of JSON, and refuses a database that has articles', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-synthetic-cli-'));
    try {
      const env = { DATABASE_URL: `sqlite:${path.join(dir, 'x.db')}` };
      const first = await run(['--articles', '25', '--seed', '3'], env);
      expect(first.code).toBe(0);
      expect(first.out).toHaveLength(1);
      const report = JSON.parse(first.out[0]);
      expect(Object.keys(report).slice(0, 13)).toEqual([
        'articles',
        'seconds',
        'articlesPerSecond',
        'extractSeconds',
        'writeSeconds',
        'indexSeconds',
        'databaseBytes',
        'gazetteerEntries',
        'topics',
        'organisations',
        'places',
        'people',
        'links',
      ]);
      expect(report).toMatchObject({ articles: 25, topics: 2000, organisations: 20000, places: 5000, people: 5000 });
      expect(report.gazetteerEntries).toBeGreaterThanOrEqual(30_000);
      expect(report.databaseBytes).toBe(fs.statSync(path.join(dir, 'x.db')).size);
      expect(report.links).toBeGreaterThan(25);
      const again = await run(['--articles', '25', '--seed', '3'], env);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/already holds 25 articles/);
      expect((await run(['--articles', '25', '--seed', '3', '--replace'], env)).code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
