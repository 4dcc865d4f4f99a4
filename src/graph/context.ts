import { ArticleLoaders } from '../article/article.loaders';
import { ChannelLoaders } from '../channel/channel.loaders';
import type { Sql } from '../db/sql';
import type { Catalogue } from '../ingest/catalogue';
import { createSubjectLoaders } from '../subject/subject.loaders';

/** The origin links are made with when nothing better is known (scripts, exports run outside a request). */
export const DEFAULT_ORIGIN = 'http://localhost:4000';

/** Who is writing: the key behind a request, when its role lets it run mutations (desk/editor.ts checks it). */
export interface Editor {
  keyId: number;
  name: string;
  role: 'editor' | 'admin';
}

/** What every resolver gets. Loaders are made fresh per request, so nothing is cached across users. */
export interface Context {
  sql: Sql;
  articles: ArticleLoaders;
  subjects: ReturnType<typeof createSubjectLoaders>;
  channels: ChannelLoaders;
  /** Where Quipu is reached from outside, e.g. `https://news.example.org`: the base of absolute URLs (Article.url, feeds). */
  origin: string;
  /** The editor or admin whose key sent the request; null for partners and anonymous clients (set by the HTTP layer). */
  editor: Editor | null;
  /** Whether the request came with a key that may not write (a partner's): a write is then 403, not 401. */
  readOnlyKey?: boolean;
  /** The catalogue extraction starts from (the seeds' files), for the writes that extract: read on first use. */
  catalogue?: () => Catalogue;
}

export function createContext(sql: Sql, origin: string = DEFAULT_ORIGIN, catalogue?: () => Catalogue): Context {
  return { sql, articles: new ArticleLoaders(sql), subjects: createSubjectLoaders(sql), channels: new ChannelLoaders(sql), origin, editor: null, catalogue };
}
