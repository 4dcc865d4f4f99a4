import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Sql } from '../db/sql';
import { type Catalogue, loadCatalogue } from './catalogue';
import { editorialCatalogue } from './editorial';
import { createExtractor } from './extract';
import { type ParsedItem, type ParseError, parseNewsFile } from './parse';
import { type SourceDef, type UpsertCounts, upsertBatch } from './upsert';

export interface IngestReport extends UpsertCounts {
  files: number;
  items: number;
  errors: ParseError[];
}

export interface IngestOptions {
  catalogue: Catalogue;
  source: SourceDef;
  /** When the batch is written; fixed in tests. */
  now?: string;
}

/** The news files in the seeds folder, in name order. */
export function seedFiles(seedsDir: string): string[] {
  return fs
    .readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => path.join(seedsDir, name));
}

export function loadSource(seedsDir: string): SourceDef {
  const source = YAML.parse(fs.readFileSync(path.join(seedsDir, 'source.yaml'), 'utf8')) as Partial<SourceDef> | null;
  if (!source || typeof source.name !== 'string' || typeof source.url !== 'string') {
    throw new Error(`${path.join(seedsDir, 'source.yaml')}: needs a name and a url`);
  }
  return { name: source.name, url: source.url };
}

/**
 * file -> parse -> extract -> upsert, as one batch. If any file has an error, nothing is written and
 * the report lists every error with its file and line; otherwise the batch is one transaction.
 */
export async function ingestFiles(sql: Sql, files: string[], options: IngestOptions): Promise<IngestReport> {
  const items: ParsedItem[] = [];
  const errors: ParseError[] = [];
  const seen = new Map<string, ParsedItem>();
  for (const file of files) {
    const name = path.relative(process.cwd(), file) || file;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      errors.push({ file: name, line: 1, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      continue;
    }
    const result = parseNewsFile(bytes, name);
    errors.push(...result.errors);
    // A news page lists the newest item first; storing oldest first makes ids grow with publication,
    // so same-day items keep the source's order in the id tie-break of the date orders.
    for (const item of [...result.items].reverse()) {
      const earlier = seen.get(item.slug);
      if (earlier) {
        errors.push({ file: name, line: item.line, message: `slug "${item.slug}" is already used by ${earlier.file}:${earlier.line}` });
        continue;
      }
      seen.set(item.slug, item);
      items.push(item);
    }
  }
  const report = { files: files.length, items: items.length, errors, created: 0, updated: 0, unchanged: 0, deleted: 0, links: 0 };
  if (errors.length > 0) return report;
  // Extraction reads the catalogue as editors left it (their subjects, names and merges: ingest/editorial.ts).
  const catalogue = await editorialCatalogue(sql, options.catalogue);
  const extract = createExtractor(catalogue);
  const extracted = items.map((item) => ({ item, ...extract.withSuggestions(item) }));
  return { ...report, ...(await upsertBatch(sql, options.source, catalogue, extracted, options.now ?? new Date().toISOString())) };
}

/** Ingests every news file of the seeds folder with its catalogue (read from the folder unless given) and source. */
export function ingestSeeds(sql: Sql, seedsDir: string, now?: string, catalogue: Catalogue = loadCatalogue(seedsDir)): Promise<IngestReport> {
  return ingestFiles(sql, seedFiles(seedsDir), { catalogue, source: loadSource(seedsDir), now });
}
