import { createHash } from 'node:crypto';
import { Provenance, SubjectKind } from '../article/mention-kinds';
import type { Sql } from '../db/sql';
import { countArticle, keepingTimeline, uncountArticle } from '../timeline/timeline.counts';
import { subjectTables } from '../subject/subject-table';
import type { Catalogue } from './catalogue';
import type { ExtractedLink } from './extract';
import { fold } from './fold';
import type { ParsedItem } from './parse';

export interface SourceDef {
  name: string;
  url: string;
}

export interface ExtractedItem {
  item: ParsedItem;
  links: ExtractedLink[];
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  links: number;
}

/** The id of every catalogue subject, by kind and slug. */
export type SubjectIds = Map<SubjectKind, Map<string, number>>;

/** The hash that says whether stored content changed: everything published, nothing derived. */
export function contentHash(item: ParsedItem): string {
  return createHash('sha256')
    .update(JSON.stringify([item.kind, item.publishedAt, item.title, item.summary, item.body]))
    .digest('hex');
}

/**
 * Writes one batch in one transaction: the source, the catalogue, the articles and their links.
 * Articles are keyed by slug, so a re-run keeps ids; `updated_at` moves only when the content hash
 * does. Rule-made links are replaced by the new extraction; editor-made links are kept and win.
 */
export function upsertBatch(store: Sql, source: SourceDef, catalogue: Catalogue, items: ExtractedItem[], now: string): Promise<UpsertCounts> {
  return store.transaction(async (sql) => {
    const sourceId = await upsertSource(sql, source);
    const ids = await keepingTimeline(sql, () => upsertCatalogue(sql, catalogue));
    const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, links: 0 };
    const batchSlugs = new Set(items.map(({ item }) => item.slug));
    for (const { item, links } of items) {
      const { id, outcome } = await upsertArticle(sql, sourceId, item, now, batchSlugs);
      counts[outcome] += 1;
      await sql.run('DELETE FROM article_link WHERE article_id = ? AND provenance = ?', [id, Provenance.RULE]);
      for (const link of links) {
        const subjectId = ids.get(link.kind)!.get(link.slug);
        if (subjectId === undefined) throw new Error(`extractor produced unknown ${link.kind} "${link.slug}"`);
        counts.links += (
          await sql.run(
          'INSERT INTO article_link (article_id, subject_kind, subject_id, relevance, provenance, evidence) VALUES (?, ?, ?, ?, ?, ?) ' +
            'ON CONFLICT DO NOTHING',
            [id, link.kind, subjectId, link.relevance, Provenance.RULE, JSON.stringify(link.evidence)],
          )
        ).changes;
      }
      await countArticle(sql, id);
    }
    return counts;
  });
}

/** Inserts the source, or updates its url, and returns its id. */
export async function upsertSource(sql: Sql, source: SourceDef): Promise<number> {
  await sql.run('INSERT INTO source (name, url) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET url = excluded.url WHERE url <> excluded.url', [
    source.name,
    source.url,
  ]);
  return (await sql.get<{ id: number }>('SELECT id FROM source WHERE name = ?', [source.name]))!.id;
}

/**
 * The stored article an item stands for: the one with its slug or, failing that, a corrected title:
 * the same source, date and summary under another slug that this batch does not also carry.
 */
async function findArticle(sql: Sql, sourceId: number, item: ParsedItem, batchSlugs: Set<string>): Promise<{ id: number; hash: string } | undefined> {
  const bySlug = await sql.get<{ id: number; hash: string }>('SELECT id, content_hash AS hash FROM article WHERE slug = ?', [item.slug]);
  if (bySlug) return bySlug;
  const sameStory = await sql.all<{ id: number; hash: string; slug: string }>(
    'SELECT id, content_hash AS hash, slug FROM article WHERE published_at IS ? AND source_id = ? AND summary = ?',
    [item.publishedAt, sourceId, item.summary],
  );
  return sameStory.find((row) => !batchSlugs.has(row.slug));
}

/** Inserts or updates one article; an updated article keeps its id and slug, so links to it stay valid. */
async function upsertArticle(
  sql: Sql,
  sourceId: number,
  item: ParsedItem,
  now: string,
  batchSlugs: Set<string>,
): Promise<{ id: number; outcome: 'created' | 'updated' | 'unchanged' }> {
  const hash = contentHash(item);
  const existing = await findArticle(sql, sourceId, item, batchSlugs);
  // Out of the timeline before its date or links change; upsertBatch counts it again after its links.
  if (existing) await uncountArticle(sql, existing.id);
  const values = [item.title, item.summary, item.body, item.kind, item.publishedAt, sourceId, hash];
  if (!existing) {
    const result = await sql.run(
      'INSERT INTO article (title, summary, body, kind, published_at, source_id, content_hash, slug, language, created_at, updated_at) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'en', ?, ?)",
      [...values, item.slug, now, now],
    );
    return { id: result.lastInsertRowid, outcome: 'created' };
  }
  if (existing.hash === hash) return { id: existing.id, outcome: 'unchanged' };
  await sql.run(
    'UPDATE article SET title = ?, summary = ?, body = ?, kind = ?, published_at = ?, source_id = ?, content_hash = ?, updated_at = ? WHERE id = ?',
    [...values, now, existing.id],
  );
  return { id: existing.id, outcome: 'updated' };
}

/** Upserts every topic, organisation, place and person by slug (parents first) and returns their ids. */
export async function upsertCatalogue(sql: Sql, catalogue: Catalogue): Promise<SubjectIds> {
  const ids: SubjectIds = new Map(Object.values(SubjectKind).map((kind) => [kind, new Map()]));
  // Folded name first, then aliases, tab-separated: it sorts by name (a tab sorts before any letter)
  // and a name search never matches across two names.
  const searchKey = (name: string, aliases: string[] = []) => [name, ...aliases].map(fold).join('\t');
  const parentId = (kind: SubjectKind, slug: string | null) => (slug == null ? null : ids.get(kind)!.get(slug)!);
  const upsert = async (kind: SubjectKind, slug: string, row: Record<string, unknown>) => {
    const { table } = subjectTables[kind];
    const columns = Object.keys(row);
    const sets = columns.map((c) => `${c} = excluded.${c}`).join(', ');
    const changed = columns.map((c) => `${table}.${c} IS NOT excluded.${c}`).join(' OR ');
    await sql.run(
      `INSERT INTO ${table} (slug, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')}) ` +
        `ON CONFLICT (slug) DO UPDATE SET ${sets} WHERE ${changed}`,
      [slug, ...(Object.values(row) as (string | number | null)[])],
    );
    ids.get(kind)!.set(slug, (await sql.get<{ id: number }>(`SELECT id FROM ${table} WHERE slug = ?`, [slug]))!.id);
  };
  for (const t of catalogue.topics) {
    await upsert(SubjectKind.TOPIC, t.slug, { name: t.name, description: t.description, parent_id: parentId(SubjectKind.TOPIC, t.parent), search_key: searchKey(t.name) });
  }
  for (const o of catalogue.organisations) {
    await upsert(SubjectKind.ORGANISATION, o.slug, {
      name: o.name,
      aliases: JSON.stringify(o.aliases),
      kind: o.kind,
      parent_id: parentId(SubjectKind.ORGANISATION, o.parent),
      country: o.country,
      description: o.description,
      search_key: searchKey(o.name, o.aliases),
    });
  }
  for (const p of catalogue.places) {
    await upsert(SubjectKind.PLACE, p.slug, {
      name: p.name,
      aliases: JSON.stringify(p.aliases),
      kind: p.kind,
      parent_id: parentId(SubjectKind.PLACE, p.parent),
      latitude: p.latitude,
      longitude: p.longitude,
      search_key: searchKey(p.name, p.aliases),
    });
  }
  for (const p of catalogue.people) {
    await upsert(SubjectKind.PERSON, p.slug, {
      name: p.name,
      aliases: JSON.stringify(p.aliases),
      description: p.description,
      search_key: searchKey(p.name, p.aliases),
    });
  }
  return ids;
}
