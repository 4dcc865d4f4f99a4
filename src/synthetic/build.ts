/**
 * Builds a synthetic corpus into a database: generate -> extract (the real extractor) -> bulk
 * write, streamed in batches so memory stays flat whatever the number of articles. With
 * `worker: true` extraction runs on a worker thread while this thread generates the next batch
 * and writes the previous one, which is how a two-core machine gets both cores busy; the rows
 * are the same either way.
 */
import type { Sql } from '../db/sql';
import { BulkWriter } from '../ingest/bulk';
import type { ParsedItem } from '../ingest/parse';
import { contentHash } from '../ingest/upsert';
import { type CatalogueSizes, FULL_CATALOGUE, gazetteerForms } from './catalogue';
import { createCorpus, SYNTHETIC_NOW, SYNTHETIC_SOURCE } from './corpus';
import { inlineStage } from './extract-stage';
import { workerStage } from './worker';

/** What to build. */
export interface BuildOptions {
  articles: number;
  seed: number;
  /** Articles per transaction; default DEFAULT_BATCH_SIZE, less for small corpora. Rows do not depend on it. */
  batchSize?: number;
  /** Catalogue sizes; the CLI always uses the full ones. */
  sizes?: CatalogueSizes;
  /** Extract on a worker thread (needs the compiled worker.js beside this file). */
  worker?: boolean;
  /** Rebuild the search index once at the end instead of keeping it in step row by row. Default: true. */
  deferSearchIndex?: boolean;
  /** Called after each batch with the number of articles written so far. */
  progress?: (written: number) => void;
}

/** Where the time went and what was written. Seconds are wall-clock, to the millisecond. */
export interface BuildReport {
  articles: number;
  /** Everything: catalogue, generation, extraction, writes, indexes. */
  seconds: number;
  /** Articles per second through the streaming phase (generate, extract, write); deferred indexes excluded. */
  articlesPerSecond: number;
  /** Vocabulary and catalogue generation, and writing the catalogue. */
  catalogueSeconds: number;
  generateSeconds: number;
  /** Extraction, and preparing rows (evidence JSON, content hashes); extraction on the worker when there is one. */
  extractSeconds: number;
  prepareSeconds: number;
  /** SQLite writes of articles and links, on this thread. */
  writeSeconds: number;
  /** Re-creating the deferred indexes and rebuilding the search index. */
  indexSeconds: number;
  gazetteerEntries: number;
  topics: number;
  organisations: number;
  places: number;
  people: number;
  links: number;
}

export const DEFAULT_BATCH_SIZE = 5000;
/** Batches handed to the extraction stage and not yet written. */
const AHEAD = 2;

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** Builds the corpus of `seed` into `sql`, whose article table must be empty. */
export async function buildCorpus(sql: Sql, options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const sizes = options.sizes ?? FULL_CATALOGUE;
  // Small corpora get smaller batches, so that extraction and writing still overlap.
  const batchSize = options.batchSize ?? Math.max(100, Math.min(DEFAULT_BATCH_SIZE, Math.ceil(options.articles / 20)));
  // A worker makes its own copy of the catalogue from the seed while this thread makes and writes its own.
  const worker = options.worker ? workerStage({ seed: options.seed, sizes }) : null;
  const time = { generate: 0, extract: 0, prepare: 0, write: 0, stream: 0, index: 0 };
  let links = 0;
  let written = 0;
  try {
    const { catalogue, articles } = createCorpus(options.seed, options.articles, sizes);
    const stage = worker ?? inlineStage(catalogue);
    const writer = await BulkWriter.open(sql, SYNTHETIC_SOURCE, catalogue, SYNTHETIC_NOW, { deferIndexes: true, deferSearchIndex: options.deferSearchIndex ?? true });
    await stage.ready.catch(async (error: unknown) => {
      await writer.finish();
      throw error;
    });
    const catalogueMs = performance.now() - started;
    const streamStarted = performance.now();
    const inFlight: ParsedItem[][] = [];
    const generate = () => {
      const t = performance.now();
      const items = articles.batch(batchSize);
      time.generate += performance.now() - t;
      stage.submit(items);
      inFlight.push(items);
    };
    try {
      // Keep the stage AHEAD batches ahead: when batch k comes back, this thread generates k+2 and
      // then writes k while the stage extracts k+1 with k+2 queued, so the stage never waits on us.
      while (articles.hasNext && inFlight.length < AHEAD) generate();
      while (inFlight.length > 0) {
        const extracted = await stage.take();
        const items = inFlight.shift()!;
        while (articles.hasNext && inFlight.length < AHEAD) generate();
        time.extract += extracted.extractMs;
        // Content hashes are made here: the stage is the busier thread (extraction dominates).
        let t = performance.now();
        const hashes = items.map(contentHash);
        time.prepare += extracted.prepareMs + (performance.now() - t);
        t = performance.now();
        links += (await writer.writePrepared(items, { hashes, links: extracted.links })).links;
        time.write += performance.now() - t;
        written += items.length;
        options.progress?.(written);
      }
    } finally {
      // Even after a failure, put the indexes back: the database stays usable for what was written.
      time.stream = performance.now() - streamStarted;
      await writer.finish();
      time.index = performance.now() - streamStarted - time.stream;
    }
    const count = async (table: string) => (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
    return {
      articles: written,
      seconds: seconds(performance.now() - started),
      articlesPerSecond: Math.round(written / (time.stream / 1000)),
      catalogueSeconds: seconds(catalogueMs),
      generateSeconds: seconds(time.generate),
      extractSeconds: seconds(time.extract),
      prepareSeconds: seconds(time.prepare),
      writeSeconds: seconds(time.write),
      indexSeconds: seconds(time.index),
      gazetteerEntries: gazetteerForms(catalogue).length,
      topics: await count('topic'),
      organisations: await count('organisation'),
      places: await count('place'),
      people: await count('person'),
      links,
    };
  } finally {
    await worker?.close();
  }
}
