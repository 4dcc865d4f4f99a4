import { ArticleLoaders } from '../article/article.loaders';
import type { Sql } from '../db/sql';
import type { Admission, Client } from '../http/request-policy';
import { createSubjectLoaders } from '../subject/subject.loaders';

/** What every resolver gets. Loaders are made fresh per request, so nothing is cached across users. */
export interface Context {
  sql: Sql;
  articles: ArticleLoaders;
  subjects: ReturnType<typeof createSubjectLoaders>;
  /** Who sent the request (a partner key or an anonymous IP) and the budget it spends; set by the HTTP layer. */
  client?: Client;
  /** What the request was charged, once charged (a failed known query goes on to Apollo without paying twice). */
  admission?: Admission;
}

export function createContext(sql: Sql): Context {
  return { sql, articles: new ArticleLoaders(sql), subjects: createSubjectLoaders(sql) };
}
