import Database from 'better-sqlite3';
import type { SqlValue } from '../sql';

/** A SQLite file's tables read as they are, row by row, for copying elsewhere (db/postgres/migrate-data.ts). */
export interface TableRows {
  tables(): Set<string>;
  columns(table: string): Set<string>;
  /** The rows of `table`, each as the values of `columns` in that order, streamed from one statement. */
  rows(table: string, columns: readonly string[]): IterableIterator<SqlValue[]>;
  close(): void;
}

/** Opens the file read-only; it must exist. */
export function openTableRows(file: string): TableRows {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    tables: () => new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name)),
    columns: (table) => new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((row) => row.name)),
    rows: (table, columns) =>
      db
        .prepare(`SELECT ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}"`)
        .raw(true)
        .iterate() as IterableIterator<SqlValue[]>,
    close: () => db.close(),
  };
}
