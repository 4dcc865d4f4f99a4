/**
 * The article and article_link rows, written one way: both write paths, upsertBatch (upsert.ts) and
 * the bulk writer (bulk.ts), go through these functions, so an article ingested by either has the
 * same columns, content hash, link rows and evidence JSON.
 *
 * Links go in after their articles, a batch at a time, many rows per statement: a statement's fixed
 * cost (binding, stepping, the call into the addon) is most of the cost of a short row. Rows still
 * go in batch order, so the same new articles get the same rowids whichever path writes them.
 */
import { Provenance, type SubjectKind } from '../article/mention-kinds';
import { placeholders, type Sql, type SqlValue } from '../db/sql';
import { recordSearchTerms } from '../search/search-terms';
import { linkKey, vetoedLinks } from './editorial';
import type { ExtractedLink } from './extract';
import { detectLanguage, type Language } from './language';
import { phraseKey } from './matcher';
import type { ParsedItem } from './parse';
import type { Suggestion } from './suggest';

/** The id of every catalogue subject, by kind and slug. */
export type SubjectIds = Map<SubjectKind, Map<string, number>>;

/** The links of a batch in columns of plain values: cheap to build, and cheap to send to another thread. */
export interface LinkColumns {
  /** Index in the batch of each link's article. */
  article: Int32Array;
  kind: SubjectKind[];
  slug: string[];
  relevance: Float64Array;
  /** The evidence as stored (JSON). */
  evidence: string[];
}

/** The link rows of a batch (with their evidence JSON), in batch order; pure. */
export function linkColumns(items: readonly { links: readonly ExtractedLink[] }[]): LinkColumns {
  let count = 0;
  for (const { links } of items) count += links.length;
  const columns: LinkColumns = { article: new Int32Array(count), kind: [], slug: [], relevance: new Float64Array(count), evidence: [] };
  let row = 0;
  items.forEach(({ links }, index) => {
    for (const link of links) {
      columns.article[row] = index;
      columns.kind.push(link.kind);
      columns.slug.push(link.slug);
      columns.relevance[row++] = link.relevance;
      columns.evidence.push(JSON.stringify(link.evidence));
    }
  });
  return columns;
}

/** What an item sets in its article row, in the column order of the statements below. */
const articleValues = (item: ParsedItem, sourceId: number, hash: string, language: Language): SqlValue[] => [
  item.title,
  item.summary,
  item.body,
  item.kind,
  item.publishedAt,
  sourceId,
  hash,
  language,
];

/** Inserts a new article and returns its id; `created_at` and `updated_at` are both `now`. */
export async function insertArticle(sql: Sql, sourceId: number, item: ParsedItem, hash: string, now: string): Promise<number> {
  const language = detectLanguage(item);
  const result = await sql.run(
    'INSERT INTO article (title, summary, body, kind, published_at, source_id, content_hash, language, slug, created_at, updated_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
    [...articleValues(item, sourceId, hash, language), item.slug, now, now],
  );
  await recordSearchTerms(sql, language, [item.title, item.summary, item.body]);
  return result.rows[0].id;
}

/** Rewrites a stored article's content; its id, slug and `created_at` stay, so links to it stay valid. */
export async function updateArticle(sql: Sql, id: number, sourceId: number, item: ParsedItem, hash: string, now: string): Promise<void> {
  const language = detectLanguage(item);
  await sql.run(
    'UPDATE article SET title = ?, summary = ?, body = ?, kind = ?, published_at = ?, source_id = ?, content_hash = ?, language = ?, updated_at = ?, version = version + 1 WHERE id = ?',
    [...articleValues(item, sourceId, hash, language), now, id],
  );
  await recordSearchTerms(sql, language, [item.title, item.summary, item.body]);
}

/** Link rows per INSERT statement (6 parameters each, far below SQLite's limit of 32,766). */
const LINK_ROWS_PER_STATEMENT = 64;
const insertLinkRows = (rows: number) =>
  'INSERT INTO article_link (article_id, subject_kind, subject_id, relevance, provenance, evidence) VALUES ' +
  new Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ') +
  ' ON CONFLICT DO NOTHING';

/**
 * Inserts a batch's links as rule-made, in batch order, and returns how many it inserted: a link
 * that is already stored (one an editor made) is kept as it is, and one an editor removed is skipped. `articleIds[i]` is the id of the
 * batch's i-th article; subjects are resolved from `ids`, and one the catalogue lacks fails the batch.
 */
export async function insertLinks(sql: Sql, articleIds: readonly number[], links: LinkColumns, ids: SubjectIds): Promise<number> {
  let inserted = 0;
  const values: SqlValue[] = [];
  const flush = async () => {
    if (values.length === 0) return;
    inserted += (await sql.run(insertLinkRows(values.length / 6), values)).changes;
    values.length = 0;
  };
  const vetoed = await vetoedLinks(sql, articleIds);
  for (let row = 0; row < links.article.length; row++) {
    const kind = links.kind[row];
    const subjectId = ids.get(kind)!.get(links.slug[row]);
    if (subjectId === undefined) throw new Error(`extractor produced unknown ${kind} "${links.slug[row]}"`);
    if (vetoed.size > 0 && vetoed.has(linkKey(articleIds[links.article[row]], kind, subjectId))) continue;
    values.push(articleIds[links.article[row]], kind, subjectId, links.relevance[row], Provenance.RULE, links.evidence[row]);
    if (values.length === LINK_ROWS_PER_STATEMENT * 6) await flush();
  }
  await flush();
  return inserted;
}

/** Suggestion rows per INSERT statement (8 parameters each). */
const SUGGESTION_ROWS_PER_STATEMENT = 64;

/**
 * Replaces the stored entity suggestions of each article (`articleIds[i]` is the id of the batch's
 * i-th article) with those of its new extraction.
 */
export async function replaceSuggestions(sql: Sql, articleIds: readonly number[], suggestions: readonly (readonly Suggestion[])[]): Promise<void> {
  const values: SqlValue[] = [];
  const flush = async () => {
    if (values.length === 0) return;
    const rows = new Array(values.length / 8).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    await sql.run(`INSERT INTO entity_suggestion (article_id, field, "offset", length, text, form_key, kind, reason) VALUES ${rows} ON CONFLICT DO NOTHING`, values);
    values.length = 0;
  };
  for (const [i, id] of articleIds.entries()) {
    await sql.run('DELETE FROM entity_suggestion WHERE article_id = ?', [id]);
    for (const s of suggestions[i]) {
      values.push(id, s.field, s.offset, s.length, s.text, phraseKey(s.text), s.kind, s.reason);
      if (values.length === SUGGESTION_ROWS_PER_STATEMENT * 8) await flush();
    }
  }
  await flush();
}

/** Each article's links, as one comparable string (subjects, relevance, evidence). */
export async function linkSets(sql: Sql, articleIds: number[]): Promise<Map<number, string>> {
  const rows = await sql.all<{ id: number; kind: string; subject: number; relevance: number; evidence: string }>(
    `SELECT article_id AS id, subject_kind AS kind, subject_id AS subject, relevance, evidence FROM article_link WHERE article_id IN (${placeholders(articleIds.length)}) ` +
      'ORDER BY article_id, subject_kind, subject_id',
    articleIds,
  );
  const sets = new Map<number, string>();
  for (const row of rows) sets.set(row.id, `${sets.get(row.id) ?? ''}|${row.kind}:${row.subject}:${row.relevance}:${row.evidence}`);
  return sets;
}
