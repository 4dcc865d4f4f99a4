import DataLoader from 'dataloader';
import type { ArticleFilter } from '../article/article.filter';
import { inList, placeholders, type Sql } from '../db/sql';
import { Channel } from './channel.entity';

export const CHANNEL_COLUMNS = 'c.id, c.slug, c.title, c.description, c.filter AS filterJson';

export function hydrateChannel(row: Record<string, unknown>): Channel {
  return Object.assign(Object.create(Channel.prototype) as Channel, row);
}

/** The stored filter of a channel, as the ArticleFilter it was checked as. */
export function storedFilter(channel: Channel): ArticleFilter {
  return JSON.parse(channel.filterJson) as ArticleFilter;
}

/** Every channel, by slug. */
export async function listChannels(sql: Sql): Promise<Channel[]> {
  return (await sql.lookup<Record<string, unknown>>(`SELECT ${CHANNEL_COLUMNS} FROM channel c ORDER BY c.slug`)).map(hydrateChannel);
}

export async function channelBySlug(sql: Sql, slug: string): Promise<Channel | null> {
  const [row] = await sql.lookup<Record<string, unknown>>(`SELECT ${CHANNEL_COLUMNS} FROM channel c WHERE c.slug = ?`, [slug], { samePlan: true });
  return row ? hydrateChannel(row) : null;
}

/** The channel loaders of one request (node(id:) on channel ids). */
export class ChannelLoaders {
  private loader: DataLoader<number, Channel | null> | undefined;

  constructor(private readonly sql: Sql) {}

  get byId(): DataLoader<number, Channel | null> {
    this.loader ??= new DataLoader(async (ids) => {
      const keys = inList(ids);
      const rows = await this.sql.lookup<Record<string, unknown>>(`SELECT ${CHANNEL_COLUMNS} FROM channel c WHERE c.id IN (${placeholders(keys.length)})`, keys, {
        samePlan: true,
      });
      const byId = new Map(rows.map((row) => [row.id as number, hydrateChannel(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return this.loader;
  }
}
