import 'reflect-metadata';
import { seedChannels } from './channel/channel.seed';
import { loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { createApp, type AppState } from './http/server';
import { ingestSeeds } from './ingest/pipeline';

/** Start-up: config -> listen (not ready) -> database and migrations -> seed on first run -> ready. */
async function main(): Promise<void> {
  const config = loadConfig();
  const state: AppState = { sql: null, ready: false };
  const app = await createApp(state, {
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    anonymousBudget: config.anonymousBudget,
    introspection: config.introspection,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: config.port, host: config.host });

  const { dataSource, sql } = await openDatabase(config.databasePath);
  state.sql = sql;
  const { n } = sql.get<{ n: number }>('SELECT count(*) AS n FROM article')!;
  if (n === 0) {
    const report = ingestSeeds(sql, config.seedsDir);
    if (report.errors.length > 0) {
      for (const e of report.errors) app.log.error(`${e.file}:${e.line}: ${e.message}`);
      throw new Error('seed ingest failed; see the errors above');
    }
    app.log.info(`seeded ${report.created} articles with ${report.links} links`);
  }
  // Channels are written at every start: editing seeds/channels.yaml and restarting applies it.
  const channels = seedChannels(sql, config.seedsDir);
  app.log.info(`channels: ${channels.created} created, ${channels.updated} updated, ${channels.unchanged} unchanged, ${channels.removed} removed`);
  state.ready = true;
  app.log.info(`Quipu is ready: GraphQL at http://localhost:${config.port}/graphql`);

  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    state.ready = false;
    await app.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
