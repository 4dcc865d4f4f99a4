/**
 * The bulk write path: the rows `upsertBatch` writes for NEW articles, written fast.
 *
 * Articles and links go through the same writer (article-writer.ts) and the catalogue through the
 * very same upsert, so the rows are the same; what it skips is the per-item work a re-ingest needs
 * (the SELECTs that find an existing article, taking it out of the timeline, the DELETE of old rule
 * links), and it counts the timeline with one statement a batch, not one an article (or once for
 * the whole load when it defers indexes). The items must all be new: a slug that is already stored
 * fails the batch (the unique index on slug), and titles corrected in place are not recognised.
 *
 * Into an empty article table it can also defer the secondary indexes and, if asked, the search
 * index: it drops them (for the search index, the triggers that keep it in step) at open, and
 * `finish` re-creates them from their stored DDL, byte for byte, and rebuilds the search index from
 * the articles. Sorting once is cheaper than keeping indexes in step row by row; rebuilding the
 * search index measured about half the cost of its triggers. The co-occurrence aggregates
 * (db/link-aggregates.ts) go the same way: their triggers are dropped with the indexes and the
 * aggregates are recomputed in one pass at the end, exactly what the triggers would have left.
 *
 * A load that drops them marks the database unfinished in the same transaction (`quipu_state`), and
 * `finish` clears the mark in the transaction that rebuilds them: a load killed at any moment leaves
 * either no mark (and a whole database) or the mark, and openDatabase refuses a marked database.
 */

import { recordArticlesCreated } from '../change/change-log';
import { FTS_TABLE, rebuildSearchIndex } from '../db/fts5';
import { LINK_AGGREGATE_TRIGGER_PREFIX, rebuildLinkAggregates } from '../db/link-aggregates';
import { ARTICLE_CHANGE_TRIGGER_PREFIX } from '../db/migrations/1764806400000-article-change-log';
import { type Sql, UNFINISHED_LOAD } from '../db/sql';
import { countArticlesSince, keepingTimeline } from '../timeline/timeline.counts';
import { insertArticle, insertLinks, type LinkColumns, linkColumns, type SubjectIds } from './article-writer';
import type { Catalogue } from './catalogue';
import type { ParsedItem } from './parse';
import { contentHash, type ExtractedItem, type SourceDef, type UpsertCounts, upsertCatalogue, upsertSource } from './upsert';

/** What upsertBatch derives from a batch of items: their content hashes and their link rows, in batch order. */
export interface PreparedBatch {
  hashes: string[];
  links: LinkColumns;
}

/** Derives the content hashes and link rows of `items`; pure, so it can run on another thread. */
export function prepareBatch(items: readonly ExtractedItem[]): PreparedBatch {
  return { hashes: items.map(({ item }) => contentHash(item)), links: linkColumns(items) };
}

/** Options of a bulk load. */
export interface BulkOptions {
  /** Drop the secondary indexes of article and article_link while loading; only into an empty article table. Default: true when it is empty. SQLite only. */
  deferIndexes?: boolean;
  /** Also drop the search index's triggers and rebuild it at the end (needs deferIndexes). Default: false. */
  deferSearchIndex?: boolean;
}

/** Writes batches of new articles; `finish` must be called once at the end (it restores deferred indexes). */
export class BulkWriter {
  private finished = false;

  private constructor(
    private readonly sql: Sql,
    private readonly sourceId: number,
    private readonly ids: SubjectIds,
    private readonly now: string,
    /** The DDL of the dropped indexes and triggers, to run again at the end. */
    private readonly deferred: string[],
    private readonly rebuildSearch: boolean,
    /** The highest article id before this load: a deferred load's `finish` adds the articles above it to the timeline. */
    private readonly lastIdBefore: number,
    /** Indexes and the aggregates' triggers were dropped (an empty table): `finish` rebuilds the aggregates. */
    private readonly deferredLoad: boolean,
  ) {}

  /** Upserts the source and the catalogue once (as upsertBatch does), and defers indexes if asked. */
  static open(store: Sql, source: SourceDef, catalogue: Catalogue, now: string, options: BulkOptions = {}): Promise<BulkWriter> {
    return store.transaction(async (sql) => {
      const empty = (await sql.get<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM article LIMIT 1)'))!.n === 0;
      // Deferral drops SQLite's indexes and triggers by their DDL; PostgreSQL loads with them in place.
      const defer = sql.dialect.engine === 'sqlite' && (options.deferIndexes ?? empty);
      if (defer && !empty) throw new Error('bulk load: indexes can only be deferred while the article table is empty');
      const sourceId = await upsertSource(sql, source);
      const ids = await keepingTimeline(sql, () => upsertCatalogue(sql, catalogue, now));
      const deferred = defer ? await dropDeferrable(sql, options.deferSearchIndex ?? false) : [];
      if (defer)
        await sql.run(`INSERT INTO quipu_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [UNFINISHED_LOAD, new Date().toISOString()]);
      const lastId = (await sql.get<{ id: number | null }>('SELECT max(id) AS id FROM article'))!.id ?? 0;
      return new BulkWriter(store, sourceId, ids, now, deferred, defer && (options.deferSearchIndex ?? false), lastId, defer);
    });
  }

  /** Writes one batch of new articles and their links in one transaction. */
  write(items: ExtractedItem[]): Promise<UpsertCounts> {
    return this.writePrepared(
      items.map(({ item }) => item),
      prepareBatch(items),
    );
  }

  /** Like `write`, for items whose hashes and links were prepared already (see prepareBatch). */
  async writePrepared(items: readonly ParsedItem[], prepared: PreparedBatch): Promise<UpsertCounts> {
    if (this.finished) throw new Error('bulk load: write after finish');
    const { sourceId, now, ids } = this;
    const { hashes, links: columns } = prepared;
    if (hashes.length !== items.length) throw new Error(`bulk load: ${items.length} items but ${hashes.length} prepared hashes`);
    return this.sql.transaction(async (tx) => {
      const articleIds: number[] = [];
      for (const [i, item] of items.entries()) articleIds.push(await insertArticle(tx, sourceId, item, hashes[i], now));
      const links = await insertLinks(tx, articleIds, columns, ids);
      // The change log lists them as the normal path does, one statement for the batch.
      if (items.length > 0) await recordArticlesCreated(tx, now, articleIds[0]);
      // Without deferral the aggregates' triggers are in place; the timeline is counted batch by
      // batch, in the batch's own transaction, so a load cut short leaves it exact.
      if (!this.deferredLoad && items.length > 0) await countArticlesSince(tx, articleIds[0] - 1);
      return { created: items.length, updated: 0, unchanged: 0, deleted: 0, links };
    });
  }

  /** Re-creates deferred indexes and triggers, rebuilds the search index and (after a deferred load) the aggregates; safe to call twice. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.sql.transaction(async (tx) => {
      for (const ddl of this.deferred) await tx.run(ddl);
      if (this.rebuildSearch) await tx.run(rebuildSearchIndex);
      if (this.deferredLoad) {
        // The load ran without the aggregates' triggers (into an empty table): count it all once.
        await countArticlesSince(tx, this.lastIdBefore);
        for (const statement of rebuildLinkAggregates) await tx.run(statement);
        // Nor did it log its articles for the readers' indexes: tell them to rebuild.
        await tx.run('INSERT INTO article_change (article_id) VALUES (NULL)');
        await tx.run('DELETE FROM quipu_state WHERE key = ?', [UNFINISHED_LOAD]);
      }
    });
  }
}

/**
 * Writes `items` (all new) through a BulkWriter: the same rows as upsertBatch would write into a
 * database that holds none of them.
 */
export async function bulkInsert(sql: Sql, source: SourceDef, catalogue: Catalogue, items: ExtractedItem[], now: string, options: BulkOptions = {}): Promise<UpsertCounts> {
  const writer = await BulkWriter.open(sql, source, catalogue, now, options);
  try {
    return await writer.write(items);
  } finally {
    await writer.finish();
  }
}

/**
 * Drops the secondary indexes of article and article_link (and with `triggers`, the triggers that
 * keep the search index in step), returning their DDL, indexes first, so that they come back exactly
 * as the migrations made them.
 */
async function dropDeferrable(sql: Sql, triggers: boolean): Promise<string[]> {
  // Unique indexes stay (those of UNIQUE and PRIMARY KEY have no DDL of their own, sql IS NULL), so a
  // duplicate fails its batch rather than the final re-create. Of the triggers only the search
  // index's (when asked), the co-occurrence aggregates' and the change log's go, as `finish` rebuilds
  // the first two and tells the readers' indexes to rebuild: any other trigger must still fire for every row.
  const rows = await sql.all<{ type: string; name: string; ddl: string }>(
    `SELECT m.type, m.name, m.sql AS ddl FROM sqlite_master m
     WHERE m.tbl_name IN ('article', 'article_link') AND m.sql IS NOT NULL
       AND ((m.type = 'index' AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.tbl_name) i WHERE i.name = m.name AND i."unique"))
         OR (? AND m.type = 'trigger' AND instr(m.sql, ?) > 0)
         OR (m.type = 'trigger' AND (substr(m.name, 1, length(?)) = ? OR substr(m.name, 1, length(?)) = ?)))
     ORDER BY m.type = 'trigger', m.name`,
    [triggers ? 1 : 0, FTS_TABLE, LINK_AGGREGATE_TRIGGER_PREFIX, LINK_AGGREGATE_TRIGGER_PREFIX, ARTICLE_CHANGE_TRIGGER_PREFIX, ARTICLE_CHANGE_TRIGGER_PREFIX],
  );
  for (const { type, name } of rows) await sql.run(`DROP ${type === 'index' ? 'INDEX' : 'TRIGGER'} "${name}"`);
  return rows.map((r) => r.ddl);
}
