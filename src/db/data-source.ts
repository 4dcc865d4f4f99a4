import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AbstractLogger, DataSource, type LogLevel, type LogMessage } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { Sql } from './sql';
import { sqlStatements } from './sql-counter';

/** Counts TypeORM's statements (migrations, schema checks) in the same metric as the query layer's. */
class CountingLogger extends AbstractLogger {
  override logQuery(): void {
    sqlStatements.inc();
  }
  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {}
}

export function createDataSource(databasePath: string): DataSource {
  if (databasePath !== ':memory:') fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: databasePath,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logger: new CountingLogger(['query']),
    logging: ['query'],
    enableWAL: databasePath !== ':memory:',
    prepareDatabase: (db: Database.Database) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  });
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(databasePath: string): Promise<{ dataSource: DataSource; sql: Sql }> {
  const dataSource = createDataSource(databasePath);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, sql: new Sql(rawConnection(dataSource)) };
}

export function rawConnection(dataSource: DataSource): Database.Database {
  return (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
}
