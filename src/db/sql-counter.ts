import { Counter } from 'prom-client';

/**
 * Every SQL statement the process executes, whether through the query layer (`Sql`) or TypeORM
 * (migrations). Registered on the HTTP metrics registry; tests read it to prove there is no N+1.
 */
export const sqlStatements = new Counter({
  name: 'quipu_sql_statements_total',
  help: 'SQL statements executed by this process for requests, ingest and tools',
  registers: [],
});

/** Statements of the server's own upkeep (the statistics cost estimates read), counted apart so that the one above stays deterministic per request. */
export const backgroundStatements = new Counter({
  name: 'quipu_sql_background_statements_total',
  help: 'SQL statements executed by this process for its own upkeep (cost statistics)',
  registers: [],
});

/** Set requests (totals and facets of a filter, db/article-sets.ts) by who answered: the pool's article index, or SQL while it builds (or without one). */
export const articleSetAnswers = new Counter({
  name: 'quipu_article_sets_total',
  help: 'Totals, facets and related articles asked of the article index, by who answered: index, or sql (index not built, or none)',
  labelNames: ['source'] as const,
  registers: [],
});
