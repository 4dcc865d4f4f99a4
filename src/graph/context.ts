import { ArticleLoaders } from '../article/article.loaders';
import { ChannelLoaders } from '../channel/channel.loaders';
import type { Sql } from '../db/sql';
import { createSubjectLoaders } from '../subject/subject.loaders';

/** The origin links are made with when nothing better is known (scripts, exports run outside a request). */
export const DEFAULT_ORIGIN = 'http://localhost:4000';

/** What every resolver gets. Loaders are made fresh per request, so nothing is cached across users. */
export interface Context {
  sql: Sql;
  articles: ArticleLoaders;
  subjects: ReturnType<typeof createSubjectLoaders>;
  channels: ChannelLoaders;
  /** Where Quipu is reached from outside, e.g. `https://news.example.org`: the base of absolute URLs (Article.url, feeds). */
  origin: string;
}

export function createContext(sql: Sql, origin: string = DEFAULT_ORIGIN): Context {
  return { sql, articles: new ArticleLoaders(sql), subjects: createSubjectLoaders(sql), channels: new ChannelLoaders(sql), origin };
}
