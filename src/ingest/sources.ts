/**
 * Sources read from feeds: registered by URL (`npm run ingest -- <url>`), fetched conditionally,
 * their items ingested as articles, and what each fetch found kept on the source row (its time, its
 * error, the validators, when it is due again). Items are deduplicated by GUID (or id), then link,
 * then content hash: an item seen before updates its article when its content changed (a new
 * revision in the audit log) and changes nothing when it did not; an article an editor deleted or
 * changed stays as the editor left it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Counter, Gauge } from 'prom-client';
import type { Sql } from '../db/sql';
import type { Catalogue } from './catalogue';
import { articleSlugTaken, editorialCatalogue, editorialExtractor } from './editorial';
import { type FeedFormat, type FeedItemError, type ReadFeed, readFeed } from './feed';
import { type FetchLimits, fetchFeed } from './fetch-feed';
import { contentHash, type UpsertCounts, writeBatch } from './upsert';

export interface SourceRow {
  id: number;
  name: string;
  url: string;
  feedUrl: string;
  etag: string | null;
  lastModified: string | null;
  failures: number;
}

export interface SourceReport extends UpsertCounts {
  source: string;
  feedUrl: string;
  /** fetched, not-modified (a 304), or failed (see error). */
  status: 'fetched' | 'not-modified' | 'failed';
  format: FeedFormat | null;
  /** Items of the feed that could not be read, with their position. */
  itemErrors: FeedItemError[];
  /** Why the fetch failed as a whole. */
  error: string | null;
}

/** One line per source: what its items became. */
export function describeReport(report: SourceReport): string {
  if (report.status === 'failed') return `${report.source}: failed: ${report.error}`;
  if (report.status === 'not-modified') return `${report.source}: not modified since the last fetch`;
  const skipped = report.itemErrors.length > 0 ? `, ${report.itemErrors.length} item(s) skipped` : '';
  const deleted = report.deleted > 0 ? `, ${report.deleted} deleted by editors` : '';
  return `${report.source} (${report.format}): ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged${deleted}${skipped}, ${report.links} links`;
}

/** The longest wait between a failing source's fetches. */
const MAX_BACKOFF_MS = 86_400_000;

export const sourceFetches = new Counter({
  name: 'quipu_source_fetches_total',
  help: 'Feed fetches by outcome: fetched, not-modified (304) or failed',
  labelNames: ['outcome'] as const,
  registers: [],
});

export const sourceFailing = new Gauge({
  name: 'quipu_source_failing',
  help: 'Per feed source: 1 when its last fetch failed or had items that could not be read (the error is Source.lastError in the API), else 0',
  labelNames: ['source'] as const,
  registers: [],
});

/** A feed's URL as stored: an http(s) URL as given, a file as its absolute file: URL. */
export function feedUrlOf(argument: string): string {
  return /^https?:\/\//i.test(argument) ? new URL(argument).href : pathToFileURL(path.resolve(argument)).href;
}

const COLUMNS = 'id, name, url, feed_url AS feedUrl, etag, last_modified AS lastModified, failures';

/** The source of a feed URL, registered on first sight (named by its URL until its feed gives a title). */
export async function registerSource(store: Sql, feedUrl: string): Promise<SourceRow> {
  return store.transaction(async (sql) => {
    const found = await sql.get<SourceRow>(`SELECT ${COLUMNS} FROM source WHERE feed_url = ?`, [feedUrl]);
    if (found) return found;
    await sql.run('INSERT INTO source (name, url, feed_url) VALUES (?, ?, ?)', [feedUrl, feedUrl, feedUrl]);
    return (await sql.get<SourceRow>(`SELECT ${COLUMNS} FROM source WHERE feed_url = ?`, [feedUrl]))!;
  });
}

/** Every source read from an http(s) feed that is due now. */
export async function dueSources(store: Sql, now: string): Promise<SourceRow[]> {
  return store.all<SourceRow>(
    `SELECT ${COLUMNS} FROM source WHERE (feed_url LIKE 'http://%' OR feed_url LIKE 'https://%') AND (next_fetch_at IS NULL OR next_fetch_at <= ?) ORDER BY id`,
    [now],
  );
}

/**
 * Fetches a source (an http(s) URL conditionally, a file: URL from disk), ingests what it holds, and
 * records the outcome on the source; never throws for what the feed did wrong.
 * `intervalMs` sets when it is due next: that long after a success, doubling with each failure.
 */
export async function readSource(
  store: Sql,
  source: SourceRow,
  files: Catalogue,
  options: { limits?: FetchLimits; intervalMs?: number; now?: () => Date } = {},
): Promise<SourceReport> {
  const now = options.now ?? (() => new Date());
  const report: SourceReport = {
    source: source.name,
    feedUrl: source.feedUrl,
    status: 'failed',
    format: null,
    itemErrors: [],
    error: null,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    links: 0,
  };
  let validators = { etag: source.etag, lastModified: source.lastModified };
  try {
    let bytes: Buffer;
    if (source.feedUrl.startsWith('file:')) {
      bytes = await fs.promises.readFile(new URL(source.feedUrl)).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`${source.feedUrl} cannot be read (${error.code ?? error.message})`);
      });
    } else {
      const fetched = await fetchFeed(source.feedUrl, validators, options.limits);
      if (fetched.status === 'not-modified') {
        report.status = 'not-modified';
        await recordFetch(store, source, report, validators, now(), options.intervalMs);
        return report;
      }
      bytes = fetched.bytes;
      validators = fetched.validators;
    }
    const feed = readFeed(bytes, source.feedUrl, now().getTime());
    Object.assign(report, await ingestFeed(store, source, files, feed, now().toISOString()), { status: 'fetched', format: feed.format, itemErrors: feed.errors });
    report.source = source.name; // named by its feed's title now, if it had none
  } catch (error) {
    report.error = (error as Error).message;
  }
  await recordFetch(store, source, report, validators, now(), options.intervalMs);
  return report;
}

/** Keeps what a fetch found on the source row, and in /metrics. */
async function recordFetch(store: Sql, source: SourceRow, report: SourceReport, validators: { etag: string | null; lastModified: string | null }, at: Date, intervalMs?: number) {
  const failed = report.status === 'failed';
  const problem = report.error ?? (report.itemErrors.length > 0 ? report.itemErrors.map((e) => e.message).join('; ') : null);
  const failures = failed ? source.failures + 1 : 0;
  const wait = intervalMs === undefined ? null : Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, MAX_BACKOFF_MS));
  await store.run(
    'UPDATE source SET last_fetched_at = ?, last_error = ?, last_error_at = CASE WHEN CAST(? AS TEXT) IS NULL THEN last_error_at ELSE ? END, failures = ?, ' +
      'etag = ?, last_modified = ?, next_fetch_at = ?, format = coalesce(?, format), items_seen = (SELECT count(*) FROM feed_item WHERE source_id = ?) WHERE id = ?',
    [
      at.toISOString(),
      problem,
      problem,
      at.toISOString(),
      failures,
      validators.etag,
      validators.lastModified,
      wait === null ? null : new Date(at.getTime() + wait).toISOString(),
      report.format,
      source.id,
      source.id,
    ],
  );
  source.failures = failures;
  source.etag = validators.etag;
  source.lastModified = validators.lastModified;
  sourceFetches.labels(report.status).inc();
  sourceFailing.labels(source.feedUrl).set(problem ? 1 : 0);
}

/**
 * Writes a read feed's items in one transaction: each item mapped to the article it stands for (by
 * GUID, link, content hash), new ones given a slug no article has or had, then written as ingest
 * writes (writeBatch), and the item map kept.
 */
export async function ingestFeed(store: Sql, source: SourceRow, files: Catalogue, feed: ReadFeed, now: string): Promise<UpsertCounts> {
  const catalogue = await editorialCatalogue(store, files);
  const extract = await editorialExtractor(store, files);
  return store.transaction(async (tx) => {
    // A feed with a title names its source, once, if the name is free.
    if (feed.title && source.name === source.feedUrl && !(await tx.get('SELECT 1 FROM source WHERE name = ?', [feed.title]))) {
      await tx.run('UPDATE source SET name = ?, url = coalesce(?, url) WHERE id = ?', [feed.title, feed.link, source.id]);
      source.name = feed.title;
    }
    const row = (await tx.get<{ name: string; url: string }>('SELECT name, url FROM source WHERE id = ?', [source.id]))!;
    const seen = new Set<string>();
    const items = [];
    let deleted = 0;
    const taken = new Set<string>();
    const duplicates: { entry: (typeof feed.items)[number]; hash: string; article: number | null }[] = [];
    for (const entry of feed.items) {
      if (seen.has(entry.guid)) continue;
      seen.add(entry.guid);
      const known = await tx.get<{ article: number | null; slug: string | null }>(
        'SELECT f.article_id AS article, a.slug FROM feed_item f LEFT JOIN article a ON a.id = f.article_id WHERE f.source_id = ? AND f.guid = ?',
        [source.id, entry.guid],
      );
      if (known && known.article === null) {
        deleted += 1; // its article was deleted by an editor
        continue;
      }
      const hash = contentHash(entry.item);
      if (known?.slug) {
        // An item this feed carried before: its article follows it (updated when its content changed).
        const item = { ...entry.item, slug: known.slug };
        items.push({ entry, hash, extracted: { item, ...extract.withSuggestions(item) } });
        continue;
      }
      // The same story another item brought (by link, then by content): one article, kept as it is;
      // none if an editor deleted it (its item's article is gone, or its own slug retired).
      const byLink = entry.link
        ? await tx.get<{ id: number | null }>('SELECT article_id AS id FROM feed_item WHERE link = ? ORDER BY article_id IS NULL LIMIT 1', [entry.link])
        : undefined;
      const same = byLink ?? (await tx.get<{ id: number }>('SELECT id FROM article WHERE content_hash = ? LIMIT 1', [hash]));
      if (same?.id === null || (!same && (await tx.get('SELECT 1 FROM retired_article WHERE slug = ?', [entry.item.slug])))) {
        deleted += 1;
        duplicates.push({ entry, hash, article: null });
        continue;
      }
      if (same) {
        duplicates.push({ entry, hash, article: same.id });
        continue;
      }
      const slug = await freeSlug(tx, entry.item.slug, taken);
      taken.add(slug);
      const item = { ...entry.item, slug };
      items.push({ entry, hash, extracted: { item, ...extract.withSuggestions(item) } });
    }
    const counts = await writeBatch(
      tx,
      row,
      catalogue,
      items.map((i) => i.extracted),
      now,
      { correctedTitles: false },
    );
    for (const { entry, hash, extracted } of items) {
      await tx.run(
        'INSERT INTO feed_item (source_id, guid, link, content_hash, article_id) VALUES (?, ?, ?, ?, (SELECT id FROM article WHERE slug = ?)) ' +
          'ON CONFLICT (source_id, guid) DO UPDATE SET link = excluded.link, content_hash = excluded.content_hash, article_id = excluded.article_id',
        [source.id, entry.guid, entry.link, hash, extracted.item.slug],
      );
    }
    for (const { entry, hash, article } of duplicates) {
      await tx.run(
        'INSERT INTO feed_item (source_id, guid, link, content_hash, article_id) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (source_id, guid) DO UPDATE SET link = excluded.link, content_hash = excluded.content_hash, article_id = excluded.article_id',
        [source.id, entry.guid, entry.link, hash, article],
      );
    }
    const kept = duplicates.filter((d) => d.article !== null).length;
    return { ...counts, unchanged: counts.unchanged + kept, deleted: counts.deleted + deleted };
  });
}

/** `slug`, or `slug-2`, `slug-3` ...: the first no article has or had, nor this feed takes. */
async function freeSlug(tx: Sql, slug: string, taken: Set<string>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? slug : `${slug}-${n}`;
    if (taken.has(candidate)) continue;
    if (!(await articleSlugTaken(tx, candidate))) return candidate;
  }
}
