import { ArticleLoaders } from '../article/article.loaders';
import type { Sql } from '../db/sql';
import { createSubjectLoaders } from '../subject/subject.loaders';

/** What every resolver gets. Loaders are made fresh per request, so nothing is cached across users. */
export interface Context {
  sql: Sql;
  articles: ArticleLoaders;
  subjects: ReturnType<typeof createSubjectLoaders>;
}

export function createContext(sql: Sql): Context {
  return { sql, articles: new ArticleLoaders(sql), subjects: createSubjectLoaders(sql) };
}
