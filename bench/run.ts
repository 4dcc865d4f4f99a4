import 'reflect-metadata';
import fs from 'node:fs';
import { redactUrl } from '../src/db/postgres/open';
import type { FloorRoutes } from './floor';
import { postChecked } from './lib/check';
import { stopAllChildren } from './lib/children';
import { openReadOnly, summarise } from './lib/database';
import { prepareDatabase } from './lib/fixture';
import { commandLine, describeMachine } from './lib/machine';
import { hotList, requestBody, singleArticle } from './lib/operations';
import { type BenchOptions, parseOptions } from './lib/options';
import { pickSubjects } from './lib/picks';
import { postgresCopyOf } from './lib/postgres';
import { type RunningServer, startServers, stopServers, type Variant } from './lib/servers';
import { fixed, formatRatio } from './lib/stats';
import type { StoreSettings } from './lib/store';
import { startLoadGenerator } from './load/generator';
import { measureHttp } from './parts/http';
import { measureInProcess } from './parts/in-process';
import { measureInstances } from './parts/instances';
import { measureScale } from './parts/scaling';
import { measureStatements } from './parts/sql-statements';
import { writeMarkdown } from './report/markdown';
import { type Results, writeJson } from './report/results';
import { targets } from './report/targets';

/**
 * `npm run bench` / `npm run bench:quick`: builds (or takes) a database, then measures
 * (a) SQL statements per request, (b) Quipu against the hand-written floor in process and over HTTP,
 * (c) Quipu against Mercurius + graphql-jit and stock Apollo over HTTP, (d) latency, plans and
 * event-loop delay per database size; writes bench/RESULTS.md and bench/results.json (for a run of
 * (d) alone, bench/RESULTS-scaling.md and bench/results-scaling.json).
 */

const started = performance.now();
const log = (message: string) => console.log(`[bench ${fixed((performance.now() - started) / 1000, 1).padStart(6)} s] ${message}`);

/** Runs one part; a part that fails is reported, and the others still run. */
async function part<T>(name: string, results: Results, work: () => Promise<T>): Promise<T | undefined> {
  log(`${name} ...`);
  try {
    return await work();
  } catch (error) {
    const message = `${name}: ${(error as Error).stack ?? error}`;
    results.failures.push(message);
    log(`FAILED ${message}`);
    return undefined;
  }
}

async function main(options: BenchOptions): Promise<Results> {
  log(`preparing the database (${options.db ?? `fixture of ${options.articles} articles`})`);
  const database = await prepareDatabase(options);
  const { db } = openReadOnly(database.path);
  const summary = summarise(database.path, db, fs.statSync(database.path).size);
  const picks = pickSubjects(db);
  db.close();
  log(`${summary.articles} articles, ${summary.links} links; hot topic ${picks.hotTopic}, article ${picks.article}`);

  const hot = hotList(picks.hotTopic, 20);
  const single = singleArticle(picks.article);
  const routes: FloorRoutes = { hot: { query: hot.query, topic: picks.hotTopic, first: 20 }, article: { query: single.query, slug: picks.article } };
  const results: Results = {
    date: new Date().toISOString(),
    command: commandLine(),
    seconds: 0,
    machine: describeMachine(),
    options,
    database: { ...database, summary, picks },
    operations: [hot, single],
    failures: [],
  };
  const wants = (name: BenchOptions['parts'][number]) => options.parts.includes(name);
  // Wherever Quipu (or a peer) is measured serving, it reads as production does; the floor never uses it.
  const store: StoreSettings = { readers: options.readers, queryTimeoutMs: options.queryTimeoutMs };
  const loadGenerator = startLoadGenerator();
  try {
    // In process first, while no server process exists at all.
    if (wants('inprocess')) {
      results.inProcess = await part('(b) in-process cost against the floor', results, () =>
        measureInProcess(database.path, [hot, single], routes, { rounds: options.rounds, msPerRound: options.inProcessMs, warmupMs: options.inProcessMs }, store),
      );
    }
    if (wants('sql') || wants('http')) {
      const variants: Variant[] = wants('http') ? ['quipu', 'floor', 'mercurius', 'apollo'] : ['quipu'];
      let servers = new Map<Variant, RunningServer>();
      try {
        servers = await startServers(variants, database.path, store, routes);
        if (wants('sql')) results.sqlStatements = await part('(a) SQL statements per request', results, () => measureStatements(servers.get('quipu')!, picks.topTopicIds));
        if (wants('http')) {
          results.http = await part('(b, c) HTTP throughput: floor and peers', results, () =>
            measureHttp(servers, loadGenerator, [hot, single], {
              rounds: options.rounds,
              seconds: options.httpSeconds,
              warmupSeconds: options.warmupSeconds,
              connections: options.connections,
            }),
          );
        }
      } catch (error) {
        results.failures.push(`starting the servers: ${(error as Error).stack}`);
      } finally {
        await stopServers(servers);
      }
    }
    if (wants('http')) {
      // A repeated read (the same list, the same variables): Quipu with its response cache against a node:http server
      // answering the same bytes, which does nothing else. The bytes are Quipu's own answer, taken first.
      let servers = new Map<Variant, RunningServer>();
      try {
        servers = await startServers(['cached'], database.path, store);
        const bytes = (await postChecked(servers.get('cached')!.url, requestBody(hot), 'cached Quipu, the repeated read')).body;
        for (const [variant, server] of await startServers(['bytes'], database.path, store, undefined, bytes)) servers.set(variant, server);
        results.repeated = await part('(e) HTTP throughput of a repeated read: the response cache', results, () =>
          measureHttp(
            servers,
            loadGenerator,
            [hot],
            { rounds: options.rounds, seconds: options.httpSeconds, warmupSeconds: options.warmupSeconds, connections: options.connections },
            'cached',
          ),
        );
      } catch (error) {
        results.failures.push(`starting the repeated-read servers: ${(error as Error).stack}`);
      } finally {
        await stopServers(servers);
      }
    }
    if (wants('scaling')) {
      const scales = options.scales.length > 0 ? options.scales : [database.path];
      results.scaling = [];
      const timing = { iterations: options.scalingIterations, maxMs: options.scalingMaxMs, eventLoopSeconds: options.eventLoopSeconds, store };
      for (const scale of scales) {
        if (options.engines.includes('sqlite')) {
          const measured = await part(`(d) scaling: ${scale}`, results, () => measureScale(scale, loadGenerator, timing));
          if (measured) results.scaling.push(measured);
        }
        if (options.engines.includes('postgres') && options.postgres) {
          const server = options.postgres;
          const measured = await part(`(d) scaling on PostgreSQL: ${scale}`, results, async () =>
            measureScale(scale, loadGenerator, timing, await postgresCopyOf(server, scale, log)),
          );
          if (measured) results.scaling.push(measured);
        }
      }
    }
    if (wants('instances') && options.postgres) {
      const server = options.postgres;
      results.instances = await part('(f) one instance against two, over PostgreSQL', results, async () => {
        const copy = await postgresCopyOf(server, database.path, log);
        return measureInstances(
          copy.url,
          redactUrl(copy.url),
          loadGenerator,
          [hot, single],
          {
            rounds: options.rounds,
            seconds: options.httpSeconds,
            warmupSeconds: options.warmupSeconds,
            connections: options.connections,
          },
          store,
        );
      });
    }
  } finally {
    await loadGenerator.stop();
    stopAllChildren();
  }
  results.seconds = (performance.now() - started) / 1000;
  return results;
}

process.once('SIGINT', () => {
  stopAllChildren();
  process.exit(130);
});

const options = parseOptions(process.argv.slice(2));
main(options).then(
  (results) => {
    fs.mkdirSync(options.outDir, { recursive: true });
    const markdown = writeMarkdown(results, options.outDir);
    const json = writeJson(results, options.outDir);
    for (const t of targets(results)) {
      const value = t.measured ? (t.unit === '×' ? formatRatio(t.measured) : `${fixed(t.measured.median)} ${t.unit}`) : 'n/a';
      log(`${t.met === null ? '  ' : t.met ? 'ok' : '!!'} ${t.claim}: ${value}, goal ${t.goal}`);
    }
    log(`wrote ${markdown} and ${json}${results.failures.length > 0 ? `; ${results.failures.length} part(s) failed` : ''}`);
    process.exit(results.failures.length > 0 ? 1 : 0);
  },
  (error: unknown) => {
    stopAllChildren();
    console.error(error);
    process.exit(1);
  },
);
