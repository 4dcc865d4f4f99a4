import 'reflect-metadata';
import { ChannelSeedError, seedChannels } from './channel/channel.seed';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { isPostgresUrl } from './db/postgres/open';
import { DatabaseUnreachable, type Sql, UnfinishedLoad } from './db/sql';
import { type AppState, createApp } from './http/server';
import { connectSharedState, SharedStateError } from './http/shared-state';
import { closeGracefully } from './http/shutdown';
import { type Catalogue, loadCatalogue } from './ingest/catalogue';
import { ingestSeeds } from './ingest/pipeline';
import { startPoller } from './ingest/poller';
import { catalogueChanged, recordFingerprint } from './ingest/relink';
import { describeReport } from './ingest/sources';

/** Start-up: config -> listen (not ready) -> database and migrations -> seed on first run -> ready. */
async function main(): Promise<void> {
  const config = loadConfig();
  const state: AppState = { sql: null, ready: false };
  // Read once, when first needed: at the first start's seed, or by the first editor's write that extracts.
  let seedCatalogue: Catalogue | undefined;
  const catalogueOfSeeds = () => (seedCatalogue ??= loadCatalogue(config.seedsDir));
  // With REDIS_URL, budgets, persisted queries and (over PostgreSQL) cached answers are shared by every instance.
  const failures = throttledWarning('Redis could not be used; this instance counts budgets and caches on its own until it can');
  const shared = config.redisUrl
    ? await connectSharedState(config.redisUrl, { prefix: config.redisPrefix, shareAnswers: isPostgresUrl(config.database), onError: failures.hear })
    : undefined;
  const app = await createApp(state, {
    shared,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    anonymousBudget: config.anonymousBudget,
    introspection: config.introspection,
    publicUrl: config.publicUrl,
    allowedHosts: config.allowedHosts,
    trustProxy: config.trustProxy,
    queryTimeoutMs: config.queryTimeoutMs,
    catalogue: catalogueOfSeeds,
    cacheResponses: config.responseCache,
  });
  failures.log = (message) => app.log.warn(message);
  await app.listen({ port: config.port, host: config.host });

  const database = await openDatabase(config.database, {
    readers: config.readers,
    articleIndex: config.articleIndex,
    timeoutMs: config.queryTimeoutMs,
    readUrl: config.databaseReadUrl,
    report: (message) => app.log.warn(message),
  });
  const { sql } = database;
  state.sql = sql;
  // Several instances starting together on one database: one seeds and writes the channels, then the next sees it done.
  await database.exclusive('start-up', () => prepare(sql), { wait: true });
  // Without its statistics, cost counts fields alone until the next refresh: worth a warning, not a failed start.
  await app.workStats.refresh().catch((error: unknown) => app.log.warn({ err: error }, 'the cost statistics could not be read'));
  state.ready = true;
  // Feeds registered with `npm run ingest -- <url>` are polled when INGEST_INTERVAL is set, by one instance at a time.
  const poller =
    config.ingestIntervalSeconds === null
      ? null
      : startPoller(sql, catalogueOfSeeds, {
          intervalMs: config.ingestIntervalSeconds * 1000,
          exclusive: (round) => database.exclusive('poll', round),
          onReport: (report) => (report.status === 'failed' || report.itemErrors.length > 0 ? app.log.warn : app.log.info).call(app.log, describeReport(report)),
        });
  app.log.info(`Quipu is ready: GraphQL at http://localhost:${config.port}/graphql`);

  // Not ready at once (a load balancer stops sending), then closed gracefully (http/shutdown.ts).
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down; requests in flight have ${config.shutdownGraceMs} ms to finish`);
    state.ready = false;
    await poller?.stop();
    await closeGracefully(app, config.shutdownGraceMs);
    await database.close();
    await shared?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  /** The first start's seed ingest (or a warning that the catalogue changed), then the channels. */
  async function prepare(sql: Sql): Promise<void> {
    const { n } = (await sql.get<{ n: number }>('SELECT count(*) AS n FROM article'))!;
    const catalogue = catalogueOfSeeds();
    if (n === 0) {
      const report = await ingestSeeds(sql, config.seedsDir, undefined, catalogue);
      if (report.errors.length > 0) {
        for (const e of report.errors) app.log.error(`${e.file}:${e.line}: ${e.message}`);
        throw new Error('seed ingest failed; see the errors above');
      }
      await recordFingerprint(sql, catalogue);
      app.log.info(`seeded ${report.created} articles with ${report.links} links`);
    } else if (await catalogueChanged(sql, catalogue)) {
      app.log.warn('the catalogue in the seeds folder is not the one the stored links were made with: run `npm run relink` to link every article anew');
    }
    // Channels are written at every start: editing seeds/channels.yaml and restarting applies it.
    const channels = await seedChannels(sql, config.seedsDir);
    for (const skipped of channels.skipped) app.log.warn(skipped);
    app.log.info(`channels: ${channels.created} created, ${channels.updated} updated, ${channels.unchanged} unchanged, ${channels.removed} removed`);
  }
}

/** Hears failures as they come, and says so at most once every 10 s, with how many there were. */
function throttledWarning(message: string) {
  let count = 0;
  let last = 0;
  const warning: { log(text: string): void; hear(error: unknown): void } = {
    log: (text) => void process.stderr.write(`${text}\n`),
    hear(error) {
      count++;
      if (Date.now() - last < 10_000) return;
      last = Date.now();
      warning.log(`${message} (${count} failure${count === 1 ? '' : 's'}; the last: ${(error as Error)?.message ?? error})`);
      count = 0;
    },
  };
  return warning;
}

main().catch((error: unknown) => {
  // A problem the operator can fix is said in its own words; anything else with its stack.
  const known =
    error instanceof ConfigError ||
    error instanceof UnfinishedLoad ||
    error instanceof DatabaseUnreachable ||
    error instanceof ChannelSeedError ||
    error instanceof SharedStateError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
