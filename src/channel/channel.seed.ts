/**
 * Writing channels from seeds/channels.yaml. The file is read and checked whole before anything is
 * written: every problem (shape, filter, unknown slug) is collected with the channel and the field
 * it is in, and one bad channel means no channel is written. A filter is checked with the rules the
 * API applies to an `ArticleFilter` argument: coerced by the schema's own input type, then compiled
 * (limits, dates, slugs), so a stored filter can never mean something an argument could not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { coerceInputValue, GraphQLError, GraphQLNonNull } from 'graphql';
import YAML from 'yaml';
import { type ArticleFilter, compileFilter, relations } from '../article/article.filter';
import type { SubjectKind } from '../article/mention-kinds';
import { placeholders, type Sql } from '../db/sql';
import { schemaInputType } from '../graph/internal-query';
import { subjectTables } from '../subject/subject-table';

/** One channel as the seeds file gives it; `filter` is still unchecked. */
export interface ChannelDef {
  slug: string;
  title: string;
  description: string;
  filter: unknown;
}

export interface ChannelWriteReport {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Channels left out because they name subjects this database does not hold, each with why (see writeChannels). */
  skipped: string[];
}

/** The channels file is invalid; `problems` lists every problem, each naming the channel and field. */
export class ChannelSeedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s), no channel was written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ChannelSeedError';
  }
}

/** What a channel's slug may be: lower-case words of letters and digits joined by single hyphens. */
export const CHANNEL_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FIELDS = ['slug', 'title', 'description', 'filter'];

export function channelsFile(seedsDir: string): string {
  return path.join(seedsDir, 'channels.yaml');
}

/** Reads the channels file (a missing file is no channels). Throws ChannelSeedError for a malformed one. */
export function readChannels(file: string): ChannelDef[] {
  if (!fs.existsSync(file)) return [];
  const name = displayName(file);
  let document: unknown;
  try {
    document = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ChannelSeedError(name, [`not valid YAML: ${(error as Error).message}`]);
  }
  const list = (document as { channels?: unknown } | null)?.channels;
  if (!Array.isArray(list)) throw new ChannelSeedError(name, ['expected a top-level "channels:" list']);
  const problems: string[] = [];
  const seen = new Set<string>();
  const defs: ChannelDef[] = [];
  list.forEach((entry: unknown, i) => {
    const where = typeof (entry as ChannelDef)?.slug === 'string' ? `channel "${(entry as ChannelDef).slug}"` : `channels[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where}: expected a mapping with ${FIELDS.join(', ')}`);
      return;
    }
    const fields = entry as Record<string, unknown>;
    for (const key of Object.keys(fields)) if (!FIELDS.includes(key)) problems.push(`${where}: unknown field "${key}" (allowed: ${FIELDS.join(', ')})`);
    for (const key of ['slug', 'title', 'description']) {
      if (typeof fields[key] !== 'string' || (fields[key] as string).trim() === '') problems.push(`${where}: "${key}" must be a non-empty string`);
    }
    if (typeof fields.slug === 'string') {
      if (!CHANNEL_SLUG.test(fields.slug)) problems.push(`${where}: slug must be lower-case letters and digits joined by single hyphens`);
      if (seen.has(fields.slug)) problems.push(`${where}: slug is listed twice`);
      seen.add(fields.slug);
    }
    if (typeof fields.filter !== 'object' || fields.filter === null || Array.isArray(fields.filter)) {
      problems.push(`${where}: "filter" must be an ArticleFilter mapping, e.g. { topics: { any: [mining] } }`);
    }
    defs.push(fields as unknown as ChannelDef);
  });
  if (problems.length > 0) throw new ChannelSeedError(name, problems);
  return defs;
}

/**
 * Checks every channel's filter against the database's catalogue, then writes them all in one
 * transaction: upserted by slug, and channels not in `defs` removed. Idempotent.
 */
export async function writeChannels(sql: Sql, given: ChannelDef[], file = 'channels', options: { skipUnknown?: boolean } = {}): Promise<ChannelWriteReport> {
  const problems: string[] = [];
  const skipped: string[] = [];
  const defs: ChannelDef[] = [];
  const filters: (ArticleFilter | null)[] = [];
  for (const def of given) {
    const unknown: string[] = [];
    const filter = await checkFilter(sql, def, problems, unknown);
    if (unknown.length > 0 && options.skipUnknown) {
      const prefix = `channel "${def.slug}": `;
      skipped.push(`${prefix}left out, as this database lacks what it names: ${unknown.map((problem) => problem.replace(prefix, '')).join('; ')}`);
      continue;
    }
    problems.push(...unknown);
    defs.push(def);
    filters.push(filter);
  }
  if (problems.length > 0) throw new ChannelSeedError(displayName(file), problems);
  return sql.transaction(async (tx) => {
    const existing = new Map(
      (await tx.all<{ slug: string; title: string; description: string; filter: string }>('SELECT slug, title, description, filter FROM channel')).map((row) => [row.slug, row]),
    );
    const report: ChannelWriteReport = { created: 0, updated: 0, unchanged: 0, removed: 0, skipped };
    for (const [i, def] of defs.entries()) {
      const filter = JSON.stringify(filters[i]);
      const old = existing.get(def.slug);
      if (old && old.title === def.title && old.description === def.description && old.filter === filter) {
        report.unchanged++;
        continue;
      }
      report[old ? 'updated' : 'created']++;
      await tx.run(
        'INSERT INTO channel (slug, title, description, filter) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (slug) DO UPDATE SET title = excluded.title, description = excluded.description, filter = excluded.filter',
        [def.slug, def.title, def.description, filter],
      );
    }
    const gone = [...existing.keys()].filter((slug) => !defs.some((def) => def.slug === slug));
    if (gone.length > 0) report.removed = (await tx.run(`DELETE FROM channel WHERE slug IN (${placeholders(gone.length)})`, gone)).changes;
    return report;
  });
}

/**
 * Reads and writes the channels of a seeds folder, as the server does at every start. A channel whose
 * filter names a topic, organisation, place or person this database lacks (a database built by
 * `npm run seed:synthetic` has its own catalogue) is left out and reported in `skipped`, so that the
 * server starts on any database the project's commands build; any other problem is an error.
 */
export function seedChannels(sql: Sql, seedsDir: string): Promise<ChannelWriteReport> {
  const file = channelsFile(seedsDir);
  return writeChannels(sql, readChannels(file), file, { skipUnknown: true });
}

/** The filter coerced as the API coerces an argument, compiled as the API compiles it; problems named by channel and field. */
async function checkFilter(sql: Sql, def: ChannelDef, problems: string[], unknownProblems: string[]): Promise<ArticleFilter | null> {
  const where = `channel "${def.slug}"`;
  const type = schemaInputType('ArticleFilter');
  const before = problems.length;
  const filter = coerceInputValue(def.filter, new GraphQLNonNull(type), (at, _value, error) => {
    problems.push(`${where}: ${fieldPath(at)}: ${error.message}`);
  }) as ArticleFilter;
  if (problems.length > before) return null;
  const unknown = await unknownSlugs(sql, filter);
  if (unknown.length > 0) {
    for (const { path: at, kind, slug } of unknown) {
      unknownProblems.push(`${where}: ${at}: unknown ${subjectTables[kind].table} "${slug}" (see seeds/taxonomy.yaml and seeds/gazetteer.yaml)`);
    }
    return null;
  }
  try {
    await compileFilter(sql, filter);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    problems.push(`${where}: ${error.message}`);
    return null;
  }
  // A plain copy: coerced objects have no prototype, and JSON is what is stored. A field given as null
  // (`places:` with nothing after it) means what leaving it out means, and is stored left out.
  return JSON.parse(JSON.stringify(filter, (_key, value: unknown) => (value === null ? undefined : value))) as ArticleFilter;
}

/** Every slug of the filter not in the catalogue, with where it is (`filter.AND[0].places.any[1]`). */
async function unknownSlugs(sql: Sql, filter: ArticleFilter): Promise<{ path: string; kind: SubjectKind; slug: string }[]> {
  const found: { path: string; kind: SubjectKind; slug: string }[] = [];
  const walk = (f: ArticleFilter, at: string) => {
    for (const [field, kind] of relations) {
      const match = f[field] as { any?: string[] | null; all?: string[] | null; none?: string[] | null } | null | undefined;
      for (const list of ['any', 'all', 'none'] as const) {
        (match?.[list] ?? []).forEach((slug, i) => {
          found.push({ path: `${at}.${field}.${list}[${i}]`, kind, slug });
        });
      }
    }
    f.AND?.forEach((g, i) => {
      walk(g, `${at}.AND[${i}]`);
    });
    f.OR?.forEach((g, i) => {
      walk(g, `${at}.OR[${i}]`);
    });
    if (f.NOT) walk(f.NOT, `${at}.NOT`);
  };
  walk(filter, 'filter');
  const known = new Set<string>();
  for (const [, kind] of relations) {
    const slugs = [...new Set(found.filter((s) => s.kind === kind).map((s) => s.slug))];
    if (slugs.length === 0) continue;
    const { table } = subjectTables[kind];
    for (const row of await sql.lookup<{ slug: string }>(`SELECT slug FROM ${table} WHERE slug IN (${placeholders(slugs.length)})`, slugs)) known.add(`${kind}:${row.slug}`);
  }
  return found.filter((s) => !known.has(`${s.kind}:${s.slug}`));
}

function fieldPath(at: readonly (string | number)[]): string {
  return `filter${at.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('')}`;
}

function displayName(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
