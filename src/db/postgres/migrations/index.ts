import type { MigrationInterface } from 'typeorm';
import { PostgresSchema1765324800000 } from './1765324800000-postgres-schema';
import { SearchStatistics1765411200000 } from './1765411200000-search-statistics';
import { SearchWords1765497600000 } from './1765497600000-search-words';
import { LinkStatistics1765584000000 } from './1765584000000-link-statistics';

/**
 * PostgreSQL's migrations, oldest first. The first makes the schema the SQLite migrations had built by then;
 * from there on, a change to the schema is a migration for each engine (db/migrations/ and here).
 */
export const postgresMigrations: (new () => MigrationInterface)[] = [
  PostgresSchema1765324800000,
  SearchStatistics1765411200000,
  SearchWords1765497600000,
  LinkStatistics1765584000000,
];
