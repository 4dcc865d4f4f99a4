/**
 * The timeline aggregate: `timeline_day` holds, per subject and day of publication, how many distinct
 * articles are about that subject or anything below it (a topic's subtopics, a place's places), plus
 * one row per day for all dated articles (subject_kind 'ALL', subject_id 0). An article linked to a
 * topic and to one of its subtopics counts once for the topic, exactly as `topics: { any: [topic] }`
 * keeps it once; undated articles count nowhere.
 *
 * Both write paths keep it exact. The normal path (upsertBatch) takes each article's contribution
 * out before touching it and puts the new one back after its links are written; if a catalogue
 * upsert moves a topic or place in its tree, every subtree changes, so the whole aggregate is rebuilt
 * first. The bulk writer adds all the articles it wrote in one statement at its end.
 */
import type { Sql } from '../db/sql';

/** The per-(subject, day) counts; the primary key is the read path's range scan. */
export const TIMELINE_TABLE = 'timeline_day';

export const createTimelineTable =
  `CREATE TABLE "${TIMELINE_TABLE}" ("subject_kind" varchar NOT NULL, "subject_id" integer NOT NULL, "day" varchar NOT NULL, ` +
  `"articles" integer NOT NULL, PRIMARY KEY ("subject_kind", "subject_id", "day")) WITHOUT ROWID`;

/** The subject kind and id of the row that counts every dated article. */
export const ALL_ARTICLES = { kind: 'ALL', id: 0 } as const;

/** One article's subjects, each with everything above it in its tree, once each; and the ALL row. */
const articleSubjects =
  'WITH RECURSIVE up(kind, id) AS (' +
  `SELECT '${ALL_ARTICLES.kind}', ${ALL_ARTICLES.id} UNION SELECT subject_kind, subject_id FROM article_link WHERE article_id = ? ` +
  "UNION SELECT 'TOPIC', t.parent_id FROM up JOIN topic t ON t.id = up.id WHERE up.kind = 'TOPIC' AND t.parent_id IS NOT NULL " +
  "UNION SELECT 'PLACE', p.parent_id FROM up JOIN place p ON p.id = up.id WHERE up.kind = 'PLACE' AND p.parent_id IS NOT NULL) ";

const countOne =
  `${articleSubjects}INSERT INTO ${TIMELINE_TABLE} (subject_kind, subject_id, day, articles) ` +
  'SELECT up.kind, up.id, a.published_at, 1 FROM up, article a WHERE a.id = ? AND a.published_at IS NOT NULL ' +
  'ON CONFLICT DO UPDATE SET articles = articles + 1';

const inArticle = 'day = (SELECT published_at FROM article WHERE id = ?) AND (subject_kind, subject_id) IN (SELECT kind, id FROM up)';
const uncountOne = `${articleSubjects}UPDATE ${TIMELINE_TABLE} SET articles = articles - 1 WHERE ${inArticle}`;
const dropEmpty = `${articleSubjects}DELETE FROM ${TIMELINE_TABLE} WHERE articles = 0 AND ${inArticle}`;

/**
 * Adds every article with an id above `?` (all of them from 0), grouped: one statement for a bulk
 * load, a backfill or a rebuild. The closure pairs each tree subject with itself and its ancestors.
 */
export const countArticlesAfter =
  'WITH RECURSIVE closure(kind, descendant, ancestor) AS (' +
  "SELECT 'TOPIC', id, id FROM topic UNION ALL SELECT 'PLACE', id, id FROM place " +
  "UNION ALL SELECT c.kind, c.descendant, t.parent_id FROM closure c JOIN topic t ON t.id = c.ancestor WHERE c.kind = 'TOPIC' AND t.parent_id IS NOT NULL " +
  "UNION ALL SELECT c.kind, c.descendant, p.parent_id FROM closure c JOIN place p ON p.id = c.ancestor WHERE c.kind = 'PLACE' AND p.parent_id IS NOT NULL), " +
  'counted(kind, id, day, articles) AS (' +
  'SELECT l.subject_kind, coalesce(c.ancestor, l.subject_id), a.published_at, count(DISTINCT a.id) FROM article a ' +
  'JOIN article_link l ON l.article_id = a.id LEFT JOIN closure c ON c.kind = l.subject_kind AND c.descendant = l.subject_id ' +
  'WHERE a.id > ? AND a.published_at IS NOT NULL GROUP BY 1, 2, 3 ' +
  `UNION ALL SELECT '${ALL_ARTICLES.kind}', ${ALL_ARTICLES.id}, a.published_at, count(*) FROM article a WHERE a.id > ? AND a.published_at IS NOT NULL GROUP BY 3) ` +
  `INSERT INTO ${TIMELINE_TABLE} (subject_kind, subject_id, day, articles) SELECT kind, id, day, articles FROM counted WHERE true ` +
  'ON CONFLICT DO UPDATE SET articles = articles + excluded.articles';

/** Where every topic and place sits in its tree, as one string: it changes exactly when a subtree does. */
const treeShape =
  "SELECT group_concat(node, ',') AS shape FROM (SELECT 't' || id || '<' || coalesce(parent_id, '') AS node FROM topic " +
  "UNION ALL SELECT 'p' || id || '<' || coalesce(parent_id, '') FROM place ORDER BY 1)";

/** Adds one article (its current date and links) to the aggregate. */
export async function countArticle(sql: Sql, articleId: number): Promise<void> {
  await sql.run(countOne, [articleId, articleId]);
}

/** Takes one stored article (its date and links as they are now) out of the aggregate; call before changing either. */
export async function uncountArticle(sql: Sql, articleId: number): Promise<void> {
  await sql.run(uncountOne, [articleId, articleId]);
  await sql.run(dropEmpty, [articleId, articleId]);
}

/** Adds the articles whose id is above `afterId` (0: all) to the aggregate in one statement. */
export async function countArticlesSince(sql: Sql, afterId: number): Promise<void> {
  await sql.run(countArticlesAfter, [afterId, afterId]);
}

/** Recomputes the whole aggregate from the articles and links. */
export async function rebuildTimeline(sql: Sql): Promise<void> {
  await sql.run(`DELETE FROM ${TIMELINE_TABLE}`);
  await countArticlesSince(sql, 0);
}

/**
 * Runs a catalogue upsert, and rebuilds the aggregate if it moved an existing topic or place within
 * its tree: then every subtree above it changes. New subjects have no links yet, so adding them
 * changes no count; the rebuild happens only when the catalogue files re-parent something.
 */
export async function keepingTimeline<T>(sql: Sql, upsertCatalogue: () => Promise<T>): Promise<T> {
  const shape = async () => new Set(((await sql.get<{ shape: string | null }>(treeShape))!.shape ?? '').split(',').filter(Boolean));
  const before = await shape();
  const result = await upsertCatalogue();
  const after = await shape();
  if ([...before].some((node) => !after.has(node))) await rebuildTimeline(sql);
  return result;
}
