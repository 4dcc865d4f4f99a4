import { createHash } from 'node:crypto';
import { Provenance, SubjectKind } from '../article/mention-kinds';
import { ChangeAction, recordChange } from '../change/change-log';
import type { Sql } from '../db/sql';
import { subjectTables } from '../subject/subject-table';
import { countArticle, keepingTimeline, uncountArticle } from '../timeline/timeline.counts';
import { insertArticle, insertLinks, linkColumns, linkSets, replaceSuggestions, type SubjectIds, updateArticle } from './article-writer';
import type { Catalogue } from './catalogue';
import { retiredSlugs, storedSubjects } from './editorial';
import type { ExtractedLink } from './extract';
import { fold } from './fold';
import { detectLanguage } from './language';
import type { ParsedItem } from './parse';
import type { Suggestion } from './suggest';

export interface SourceDef {
  name: string;
  url: string;
}

export interface ExtractedItem {
  item: ParsedItem;
  links: ExtractedLink[];
  /** Names the catalogue lacks (suggest.ts); stored in place of the article's earlier ones. */
  suggestions?: Suggestion[];
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Items of articles an editor deleted: skipped, their slugs are never used again. */
  deleted: number;
  links: number;
}

/** The hash that says whether stored content changed: everything published, nothing derived. */
export function contentHash(item: ParsedItem): string {
  return createHash('sha256')
    .update(JSON.stringify([item.kind, item.publishedAt, item.title, item.summary, item.body]))
    .digest('hex');
}

/**
 * Writes one batch in one transaction: the source, the catalogue, the articles and their links.
 * Articles are keyed by slug, so a re-run keeps ids; `updated_at` and `version` move only when the
 * content hash does. An item whose article an editor deleted is skipped, and one whose article an
 * editor changed is left as the editor made it (ingest/editorial.ts). Rule-made links are replaced by the new extraction; editor-made links are kept and win.
 * The articles are written item by item, then all their links at once (article-writer.ts), and then
 * each article goes back into the timeline.
 */
export function upsertBatch(store: Sql, source: SourceDef, catalogue: Catalogue, items: ExtractedItem[], now: string): Promise<UpsertCounts> {
  return store.transaction((sql) => writeBatch(sql, source, catalogue, items, now));
}

/** upsertBatch's work, inside a transaction the caller holds (a feed's ingest writes its item map in the same one). */
export async function writeBatch(
  sql: Sql,
  source: SourceDef,
  catalogue: Catalogue,
  items: ExtractedItem[],
  now: string,
  options: { correctedTitles?: boolean } = {},
): Promise<UpsertCounts> {
  const sourceId = await upsertSource(sql, source);
  const ids = await keepingTimeline(sql, () => upsertCatalogue(sql, catalogue, now));
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0, links: 0 };
  const batchSlugs = new Set(items.map(({ item }) => item.slug));
  const retired = await retiredSlugs(sql, [...batchSlugs]);
  const relinked = new Map<number, string | undefined>();
  // Articles written whose links are not yet, with their items, in batch order.
  let unlinked = new Map<number, ExtractedItem>();
  const writeLinks = async () => {
    counts.links += await insertLinks(sql, [...unlinked.keys()], linkColumns([...unlinked.values()]), ids);
    await replaceSuggestions(
      sql,
      [...unlinked.keys()],
      [...unlinked.values()].map((e) => e.suggestions ?? []),
    );
    for (const id of unlinked.keys()) await countArticle(sql, id);
    unlinked = new Map();
  };
  for (const extracted of items) {
    if (retired.has(extracted.item.slug)) {
      counts.deleted += 1;
      continue;
    }
    const existing = await findArticle(sql, sourceId, extracted.item, batchSlugs, options.correctedTitles ?? true);
    // An article an editor changed is the editor's: its text and links stay as they are.
    if (existing?.edited) {
      counts.unchanged += 1;
      continue;
    }
    // Two items that stand for one article (a slug twice, two corrections of one title): the first
    // one's links go in, and it is counted, before the second touches it, as item by item.
    if (existing && unlinked.has(existing.id)) await writeLinks();
    const { id, outcome } = await upsertArticle(sql, sourceId, extracted.item, existing, now, source.name);
    counts[outcome] += 1;
    // Same text, links made again: the change log lists it if they come out different (a catalogue that changed).
    if (outcome === 'unchanged') relinked.set(id, (await linkSets(sql, [id])).get(id));
    if (outcome !== 'unchanged') await recordChange(sql, now, outcome === 'created' ? ChangeAction.CREATED : ChangeAction.UPDATED, { type: 'Article', id });
    await sql.run('DELETE FROM article_link WHERE article_id = ? AND provenance = ?', [id, Provenance.RULE]);
    unlinked.set(id, extracted);
  }
  await writeLinks();
  if (relinked.size > 0) {
    const after = await linkSets(sql, [...relinked.keys()]);
    for (const [id, before] of relinked) if (after.get(id) !== before) await recordChange(sql, now, ChangeAction.UPDATED, { type: 'Article', id });
  }
  return counts;
}

/** Inserts the source, or updates its url, and returns its id. */
export async function upsertSource(sql: Sql, source: SourceDef): Promise<number> {
  await sql.run('INSERT INTO source (name, url) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET url = excluded.url WHERE source.url <> excluded.url', [source.name, source.url]);
  return (await sql.get<{ id: number }>('SELECT id FROM source WHERE name = ?', [source.name]))!.id;
}

/**
 * The stored article an item stands for: the one with its slug or, failing that (unless told not to: a
 * feed knows its items by GUID), a corrected title: the same source, date and summary under another
 * slug that this batch does not also carry.
 */
async function findArticle(
  sql: Sql,
  sourceId: number,
  item: ParsedItem,
  batchSlugs: Set<string>,
  correctedTitles: boolean,
): Promise<{ id: number; hash: string; edited: number } | undefined> {
  const bySlug = await sql.get<{ id: number; hash: string; edited: number }>('SELECT id, content_hash AS hash, edited_at IS NOT NULL AS edited FROM article WHERE slug = ?', [
    item.slug,
  ]);
  if (bySlug || !correctedTitles) return bySlug;
  const sameStory = await sql.all<{ id: number; hash: string; edited: number; slug: string }>(
    'SELECT id, content_hash AS hash, edited_at IS NOT NULL AS edited, slug FROM article WHERE published_at IS NOT DISTINCT FROM ? AND source_id = ? AND summary = ?',
    [item.publishedAt, sourceId, item.summary],
  );
  return sameStory.find((row) => !batchSlugs.has(row.slug));
}

/** Inserts or updates one article (`existing`, found by findArticle); an updated article keeps its id and slug. */
async function upsertArticle(
  sql: Sql,
  sourceId: number,
  item: ParsedItem,
  existing: { id: number; hash: string } | undefined,
  now: string,
  sourceName: string,
): Promise<{ id: number; outcome: 'created' | 'updated' | 'unchanged' }> {
  const hash = contentHash(item);
  if (!existing) return { id: await insertArticle(sql, sourceId, item, hash, now), outcome: 'created' };
  // Out of the timeline before its date or links change; upsertBatch counts it again after its links.
  await uncountArticle(sql, existing.id);
  if (existing.hash === hash) {
    // Unchanged text; only an article stored before languages were detected gets its language now.
    const language = detectLanguage(item);
    await sql.run('UPDATE article SET language = ? WHERE id = ? AND language IS DISTINCT FROM ?', [language, existing.id, language]);
    return { id: existing.id, outcome: 'unchanged' };
  }
  // A new revision of the article, in the audit log beside the editors' writes.
  const revision = 'SELECT title, summary, body, kind, published_at AS publishedAt, version FROM article WHERE id = ?';
  const before = await sql.get(revision, [existing.id]);
  await updateArticle(sql, existing.id, sourceId, item, hash, now);
  await sql.run("INSERT INTO audit_entry (at, key_id, key_name, action, node_type, node_id, before, after) VALUES (?, NULL, ?, 'UPDATED', 'Article', ?, ?, ?)", [
    now,
    `ingest: ${sourceName}`,
    existing.id,
    JSON.stringify(before),
    JSON.stringify(await sql.get(revision, [existing.id])),
  ]);
  return { id: existing.id, outcome: 'updated' };
}

/** Upserts every topic, organisation, place and person by slug (parents first) and returns their ids. */
export async function upsertCatalogue(sql: Sql, catalogue: Catalogue, now: string = new Date().toISOString()): Promise<SubjectIds> {
  const ids: SubjectIds = new Map(Object.values(SubjectKind).map((kind) => [kind, new Map()]));
  // Folded name first, then aliases, tab-separated: it sorts by name (a tab sorts before any letter)
  // and a name search never matches across two names.
  const searchKey = (name: string, aliases: string[] = []) => [name, ...aliases].map(fold).join('\t');
  const parentId = (kind: SubjectKind, slug: string | null) => (slug == null ? null : ids.get(kind)!.get(slug)!);
  // The subjects stored before, one statement per kind (two with the old slugs): an upsert keeps a
  // stored id, and a new row's id is the one its INSERT made, so each subject costs one statement.
  // What an editor owns (a subject made or changed through the API, an old slug) is left as it is.
  const owned = new Map<SubjectKind, Set<string>>();
  for (const kind of Object.values(SubjectKind)) {
    const stored = await storedSubjects(sql, kind);
    ids.set(kind, stored.ids);
    owned.set(kind, stored.owned);
  }
  const upsert = async (kind: SubjectKind, slug: string, row: Record<string, unknown>) => {
    if (owned.get(kind)!.has(slug)) return;
    const { table, type } = subjectTables[kind];
    const columns = Object.keys(row);
    const sets = columns.map((c) => `${c} = excluded.${c}`).join(', ');
    const changed = columns.map((c) => `${table}.${c} IS DISTINCT FROM excluded.${c}`).join(' OR ');
    const result = await sql.run(
      `INSERT INTO ${table} (slug, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')}) ` +
        `ON CONFLICT (slug) DO UPDATE SET ${sets}, version = ${table}.version + 1 WHERE ${changed} RETURNING id`,
      [slug, ...(Object.values(row) as (string | number | null)[])],
    );
    const stored = ids.get(kind)!.get(slug);
    if (stored === undefined) ids.get(kind)!.set(slug, result.rows[0].id);
    if (result.changes > 0) await recordChange(sql, now, stored === undefined ? ChangeAction.CREATED : ChangeAction.UPDATED, { type, id: stored ?? result.rows[0].id });
  };
  for (const t of catalogue.topics) {
    await upsert(SubjectKind.TOPIC, t.slug, { name: t.name, description: t.description, parent_id: parentId(SubjectKind.TOPIC, t.parent), search_key: searchKey(t.name) });
  }
  for (const o of catalogue.organisations) {
    await upsert(SubjectKind.ORGANISATION, o.slug, {
      name: o.name,
      aliases: JSON.stringify([...o.aliases, ...(o.capitalised ?? []).filter((f) => f !== o.name)]),
      kind: o.kind,
      parent_id: parentId(SubjectKind.ORGANISATION, o.parent),
      country: o.country,
      description: o.description,
      search_key: searchKey(o.name, [...o.aliases, ...(o.capitalised ?? []).filter((f) => f !== o.name)]),
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
      ubigeo: p.ubigeo,
      description: p.description,
      operator_id: parentId(SubjectKind.ORGANISATION, p.operator),
      search_key: searchKey(p.name, p.aliases),
    });
  }
  for (const p of catalogue.people) {
    await upsert(SubjectKind.PERSON, p.slug, {
      name: p.name,
      aliases: JSON.stringify([...p.aliases, ...(p.capitalised ?? []).filter((f) => f !== p.name)]),
      description: p.description,
      search_key: searchKey(p.name, [...p.aliases, ...(p.capitalised ?? []).filter((f) => f !== p.name)]),
    });
  }
  return ids;
}
