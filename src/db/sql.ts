import type Database from 'better-sqlite3';
import { sqlStatements } from './sql-counter';

export type SqlValue = string | number | bigint | null;

/**
 * The query layer's door to SQLite: prepared statements cached by text, each execution counted.
 * better-sqlite3 is synchronous, so every call runs to completion before the event loop moves on;
 * callers keep the work bounded (page sizes, indexes) rather than trying to interrupt it.
 */
export class Sql {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  all<T>(text: string, params: readonly SqlValue[] = []): T[] {
    sqlStatements.inc();
    return this.prepare(text).all(...params) as T[];
  }

  get<T>(text: string, params: readonly SqlValue[] = []): T | undefined {
    sqlStatements.inc();
    return this.prepare(text).get(...params) as T | undefined;
  }

  run(text: string, params: readonly SqlValue[] = []): Database.RunResult {
    sqlStatements.inc();
    return this.prepare(text).run(...params);
  }

  /** Runs `work` in one transaction: all of it is written, or none of it. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private prepare(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      // Dynamic IN-lists make many distinct texts; keep the cache from growing without bound.
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(text, statement);
    }
    return statement;
  }
}

/** `?, ?, ?` for an IN list of n values (n ≥ 1). */
export function placeholders(n: number): string {
  return new Array(n).fill('?').join(', ');
}
