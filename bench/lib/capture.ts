import type Database from 'better-sqlite3';

/**
 * Which SQL a piece of code runs, seen from the driver: the connection's `prepare` is wrapped so
 * every statement it hands out records each execution with its parameters. Nothing in src/ changes,
 * and whatever caching the query layer does, each execution is seen.
 */
export interface Execution {
  text: string;
  params: unknown[];
}

export interface Capture {
  /** Runs `work` and returns the statements it executed, in order. */
  during<T>(work: () => T | Promise<T>): Promise<{ result: T; executions: Execution[] }>;
}

export function captureStatements(db: Database.Database): Capture {
  let log: Execution[] | null = null;
  const prepare = db.prepare.bind(db);
  db.prepare = ((text: string) => {
    const statement = prepare(text);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = statement[method] as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        log?.push({ text, params });
        return original.apply(statement, params);
      };
    }
    return statement;
  }) as typeof db.prepare;
  return {
    async during(work) {
      log = [];
      try {
        const result = await work();
        return { result, executions: log };
      } finally {
        log = null;
      }
    },
  };
}

export interface Plan {
  text: string;
  plan: string[];
  /** article or article_link read whole (a table or an index scanned with nothing to stop it early). */
  fullScans: string[];
  /** An order index walked under a LIMIT: stops early when matches are dense, reads it all when they are rare. */
  orderedWalks: string[];
}

// Aliases Quipu's SQL gives the corpus' big tables (article, article_link); small subject tables
// and CTEs are not flagged.
const BIG_TABLES = new Set(['a', 'r', 'article', 'l', 'mine', 'other', 'article_link']);
const ORDER_INDEX = /USING (COVERING )?INDEX (article_order_\w+|article_published_at)/;

/** EXPLAIN QUERY PLAN for each distinct statement, with the parameters it first ran with. */
export function explain(db: Database.Database, executions: Execution[]): Plan[] {
  const seen = new Map<string, Execution>();
  for (const execution of executions) if (!seen.has(execution.text)) seen.set(execution.text, execution);
  return [...seen.values()].map(({ text, params }) => {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, -1]]);
    const plan = rows.map((row) => {
      depth.set(row.id, (depth.get(row.parent) ?? -1) + 1);
      return `${'  '.repeat(depth.get(row.id)!)}${row.detail}`;
    });
    const scans = rows.map((row) => row.detail).filter((detail) => BIG_TABLES.has(/^SCAN (\S+)/.exec(detail)?.[1] ?? ''));
    const walk = (detail: string) => ORDER_INDEX.test(detail) && /\bLIMIT\b/.test(text);
    return { text, plan, fullScans: scans.filter((d) => !walk(d)), orderedWalks: scans.filter(walk) };
  });
}

/** The statement texts of a run, sorted: two runs of the same SQL compare equal. */
export function statementTexts(executions: Execution[]): string[] {
  return executions.map((e) => e.text).sort();
}
