import 'reflect-metadata';
import { ChannelSeedError, seedChannels } from './channel/channel.seed';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { UnfinishedLoad } from './db/sql';
import { type AppState, createApp } from './http/server';
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
  const app = await createApp(state, {
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
  // Without its statistics, cost counts fields alone until the next refresh: worth a warning, not a failed start.
  await app.workStats.refresh().catch((error: unknown) => app.log.warn({ err: error }, 'the cost statistics could not be read'));
  state.ready = true;
  // Feeds registered with `npm run ingest -- <url>` are polled when INGEST_INTERVAL is set.
  const poller =
    config.ingestIntervalSeconds === null
      ? null
      : startPoller(sql, catalogueOfSeeds, {
          intervalMs: config.ingestIntervalSeconds * 1000,
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
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // A problem the operator can fix is said in its own words; anything else with its stack.
  const known = error instanceof ConfigError || error instanceof UnfinishedLoad || error instanceof ChannelSeedError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
