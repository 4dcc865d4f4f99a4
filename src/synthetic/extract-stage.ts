/**
 * The extraction stage of a corpus build: the real extractor over a batch of generated items,
 * and the link rows the bulk writer needs (with their evidence JSON). It runs inline or on a worker
 * thread (worker.ts); either way it is a pure function of the items, so where it runs does not
 * change a single row.
 */
import { type LinkColumns, linkColumns } from '../ingest/article-writer';
import type { Catalogue } from '../ingest/catalogue';
import { createExtractor } from '../ingest/extract';
import type { ParsedItem } from '../ingest/parse';
import type { CatalogueSizes } from './catalogue';
import { createCorpus } from './corpus';

/** The link rows of a batch, and the milliseconds extracting and preparing them took. */
export interface ExtractedBatch {
  links: LinkColumns;
  extractMs: number;
  prepareMs: number;
}

/** Batches go in with `submit` and come out of `take` in the same order. Only the link rows come
 * back: the caller keeps the items, so their text crosses between threads once. */
export interface ExtractStage {
  /** Resolves once the stage can take work (a worker has built its catalogue and extractor). */
  ready: Promise<void>;
  submit(items: ParsedItem[]): void;
  take(): Promise<ExtractedBatch>;
  close(): Promise<void>;
}

/** What a worker needs to rebuild the catalogue for itself: it is a function of seed and sizes. */
export interface WorkerSpec {
  seed: number;
  sizes: CatalogueSizes;
}

/** Extracts the links of `items` and prepares their rows (the evidence JSON above all). */
export function extractBatch(extract: ReturnType<typeof createExtractor>, items: ParsedItem[]): ExtractedBatch {
  let t = performance.now();
  const extracted = items.map((item) => ({ item, links: extract(item) }));
  const extractMs = performance.now() - t;
  t = performance.now();
  const links = linkColumns(extracted);
  return { links, extractMs, prepareMs: performance.now() - t };
}

/** The stage on this thread. */
export function inlineStage(catalogue: Catalogue): ExtractStage {
  const extract = createExtractor(catalogue);
  const done: ExtractedBatch[] = [];
  return {
    ready: Promise.resolve(),
    submit: (items) => void done.push(extractBatch(extract, items)),
    take: async () => done.shift()!,
    close: async () => undefined,
  };
}

/** The catalogue of a worker spec, as the main thread's createCorpus makes it. */
export function workerCatalogue(spec: WorkerSpec): Catalogue {
  return createCorpus(spec.seed, 0, spec.sizes).catalogue;
}
