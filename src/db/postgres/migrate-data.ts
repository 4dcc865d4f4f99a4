/**
 * Moves a SQLite database into a new PostgreSQL one (`npm run migrate-data`): every table both schemas
 * have, row for row, ids kept, in one transaction on PostgreSQL (a failed copy leaves it as it was).
 *
 * What is derived from other rows (the co-occurrence aggregates, the timeline, the change logs) is
 * copied as it is, with the target's triggers off while the rows go in, since they would count the
 * copied links again; only the search column, which SQLite keeps in its FTS5 index instead, is made by
 * its trigger, and the counts of its words (search_word), which only PostgreSQL keeps, are made from it once
 * all the articles are in. Afterwards each identity column continues after the largest id, every table's count is
 * checked against the source's, and every table is analysed; once the copy is committed, every table is vacuumed.
 */
import type { Sql, SqlValue } from '../sql';
import { openTableRows, type TableRows } from '../sqlite/table-rows';
import { COUNT_SEARCH_WORDS } from './migrations/1765497600000-search-words';
import { PgStore, type PgTransaction } from './pg.store';

/** TypeORM's own bookkeeping (each engine's list of migrations run), and PostgreSQL's commit counter: not data. */
const NOT_COPIED = new Set(['migrations', 'quipu_commit', 'typeorm_metadata']);
/** Rows a target's migrations put in (the link total's one row): replaced by the source's. */
const MADE_BY_MIGRATIONS = new Set(['link_total']);
/** The one trigger left on while rows go in: it fills article.search_vector, which SQLite does not have. */
const SEARCH_TRIGGER = 'article_search_vector';

export class MigrateDataError extends Error {}

export interface TableCopy {
  table: string;
  rows: number;
  /** Reading, writing and indexing its rows. */
  seconds: number;
}

export interface CopyReport {
  tables: TableCopy[];
  rows: number;
  seconds: number;
}

interface ForeignKey {
  child: string;
  parent: string;
  column: string;
}

/**
 * Copies the SQLite file at `sourcePath` (migrated to the current schema by its caller) into `target`,
 * a PostgreSQL store whose schema is current and whose tables are empty. `progress` hears of each table.
 */
export async function copySqliteToPostgres(sourcePath: string, target: Sql, progress: (copy: TableCopy) => void = () => undefined): Promise<CopyReport> {
  if (!(target instanceof PgStore)) throw new MigrateDataError('migrate-data copies into PostgreSQL: --to must be a postgres:// URL');
  const started = performance.now();
  const source = openTableRows(sourcePath);
  let copied: TableCopy[];
  try {
    copied = await target.transaction(async (tx) => {
      const tables = await copiedTables(source, tx);
      const keys = await tx.all<ForeignKey>(
        `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, a.attname AS "column"
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
      );
      for (const table of tables) {
        const { n } = (await tx.get<{ n: number }>(`SELECT count(*) AS n FROM "${table.name}"`))!;
        if (n > 0 && !MADE_BY_MIGRATIONS.has(table.name)) {
          throw new MigrateDataError(
            `the target database is not empty: table ${table.name} has ${n} rows; migrate-data copies into a new, empty database (createdb, then --to its URL)`,
          );
        }
      }
      for (const table of tables) await tx.run(`ALTER TABLE "${table.name}" DISABLE TRIGGER USER`);
      await tx.run(`ALTER TABLE article ENABLE TRIGGER ${SEARCH_TRIGGER}`);
      const copies: TableCopy[] = [];
      for (const table of inDependencyOrder(tables, keys)) {
        const selfKeys = keys.filter((key) => key.child === table.name && key.parent === table.name).map((key) => key.column);
        const tableStarted = performance.now();
        await tx.run(`DELETE FROM "${table.name}"`);
        const rows = await copyTable(source, tx, table, selfKeys);
        const copy = { table: table.name, rows, seconds: (performance.now() - tableStarted) / 1000 };
        copies.push(copy);
        progress(copy);
      }
      for (const table of tables) await tx.run(`ALTER TABLE "${table.name}" ENABLE TRIGGER USER`);
      // The search words' counts, which only PostgreSQL keeps, from the copied articles' search vectors.
      await tx.run('DELETE FROM search_word');
      await tx.run(COUNT_SEARCH_WORDS);
      await continueIdentities(tx, tables);
      for (const { table, rows } of copies) {
        const { n } = (await tx.get<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`))!;
        if (n !== rows) throw new MigrateDataError(`table ${table}: ${rows} rows read, ${n} written; nothing was copied`);
      }
      // The planner's statistics of the new rows, at once rather than at autovacuum's next look: without them it
      // guesses, and a search may walk the date index for a word no article has.
      for (const { table } of copies) await tx.run(`ANALYZE "${table}"`);
      return copies;
    });
  } finally {
    source.close();
  }
  // Each table's visibility map set, as autovacuum would set it later (a server may run without): until then an
  // index-only scan reads the table's page of every row it finds (905 of them for the undated articles at 100,000).
  for (const { table } of copied) await target.maintenance(`VACUUM "${table}"`);
  return { tables: copied, rows: copied.reduce((sum, copy) => sum + copy.rows, 0), seconds: (performance.now() - started) / 1000 };
}

interface Table {
  name: string;
  /** The columns both schemas have, in the target's order. */
  columns: string[];
}

/** The tables both databases have (but TypeORM's and the commit counter), with the columns both have. */
async function copiedTables(source: TableRows, tx: PgTransaction): Promise<Table[]> {
  const targetColumns = await tx.all<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const sourceTables = source.tables();
  const byTable = new Map<string, string[]>();
  for (const { table, column } of targetColumns) {
    if (NOT_COPIED.has(table) || !sourceTables.has(table)) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  }
  return [...byTable].map(([name, columns]) => {
    const present = source.columns(name);
    return { name, columns: columns.filter((column) => present.has(column)) };
  });
}

/** Parents before children (a table's own parent column is filled in a second pass); ties by name. */
function inDependencyOrder(tables: Table[], keys: ForeignKey[]): Table[] {
  const names = new Set(tables.map((table) => table.name));
  const parents = new Map(
    tables.map((table) => [table.name, new Set(keys.filter((k) => k.child === table.name && k.parent !== table.name && names.has(k.parent)).map((k) => k.parent))]),
  );
  const ordered: Table[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((table) => !done.has(table.name) && [...parents.get(table.name)!].every((parent) => done.has(parent)));
    if (ready.length === 0)
      throw new MigrateDataError(
        `the foreign keys between ${tables
          .filter((t) => !done.has(t.name))
          .map((t) => t.name)
          .join(', ')} form a cycle`,
      );
    ready.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const table of ready) {
      ordered.push(table);
      done.add(table.name);
    }
  }
  return ordered;
}

/**
 * Streams the source's rows in with COPY. A column that refers to the table's own rows (a parent) goes in
 * empty and is set once every row is there.
 */
async function copyTable(source: TableRows, tx: PgTransaction, table: Table, selfKeys: string[]): Promise<number> {
  const { columns } = table;
  const later: SqlValue[][] = [];
  const selfIndexes = selfKeys.map((column) => columns.indexOf(column));
  const idIndex = columns.indexOf('id');
  let rows = 0;
  function* withoutSelfReferences(): Generator<SqlValue[]> {
    for (const row of source.rows(table.name, columns)) {
      if (selfIndexes.some((index) => row[index] !== null)) {
        later.push([row[idIndex], ...selfIndexes.map((index) => row[index])]);
        for (const index of selfIndexes) row[index] = null;
      }
      rows++;
      yield row;
    }
  }
  await tx.copyRows(table.name, columns, withoutSelfReferences());
  for (let start = 0; start < later.length; start += 1_000) {
    const chunk = later.slice(start, start + 1_000);
    const tuple = `(CAST(? AS integer), ${selfKeys.map(() => 'CAST(? AS integer)').join(', ')})`;
    const sets = selfKeys.map((column) => `"${column}" = v."${column}"`).join(', ');
    await tx.run(
      `UPDATE "${table.name}" SET ${sets} FROM (VALUES ${chunk.map(() => tuple).join(', ')}) AS v(id, ${selfKeys.map((c) => `"${c}"`).join(', ')}) WHERE "${table.name}".id = v.id`,
      chunk.flat(),
    );
  }
  return rows;
}

/** Each identity column (ids made by the database) continues after the largest id copied. */
async function continueIdentities(tx: PgTransaction, tables: Table[]): Promise<void> {
  const identities = await tx.all<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  const copied = new Set(tables.map((table) => table.name));
  for (const { table, column } of identities) {
    if (!copied.has(table)) continue;
    await tx.get(`SELECT setval(pg_get_serial_sequence('"${table}"', '${column}'), max("${column}")) FROM "${table}" HAVING max("${column}") IS NOT NULL`);
  }
}
