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
import type { Dialect } from '../db/dialect';
import type { Sql } from '../db/sql';

/** The per-(subject, day) counts; the primary key is the read path's range scan. */
export const TIMELINE_TABLE = 'timeline_day';

export const createTimelineTable =
  `CREATE TABLE "${TIMELINE_TABLE}" ("subject_kind" varchar NOT NULL, "subject_id" integer NOT NULL, "day" varchar NOT NULL, ` +
  `"articles" integer NOT NULL, PRIMARY KEY ("subject_kind", "subject_id", "day")) WITHOUT ROWID`;

/** The subject kind and id of the row that counts every dated article. */
export const ALL_ARTICLES = { kind: 'ALL', id: 0 } as const;

/**
 * The step up a tree from the rows of `cte` (its `kind` and the id in `column`): `<parent id> FROM ...`, the
 * parent a topic's or a place's, rows without one left out. One recursive term for both trees: PostgreSQL allows one.
 */
const parentStep = (cte: string, column: string) =>
  `coalesce(t.parent_id, p.parent_id) FROM ${cte} LEFT JOIN topic t ON ${cte}.kind = 'TOPIC' AND t.id = ${cte}.${column} ` +
  `LEFT JOIN place p ON ${cte}.kind = 'PLACE' AND p.id = ${cte}.${column} WHERE coalesce(t.parent_id, p.parent_id) IS NOT NULL`;

/** One article's subjects, each with everything above it in its tree, once each; and the ALL row. */
const articleSubjects =
  'WITH RECURSIVE up(kind, id) AS (' +
  `SELECT '${ALL_ARTICLES.kind}', ${ALL_ARTICLES.id} UNION SELECT subject_kind, subject_id FROM article_link WHERE article_id = ? ` +
  `UNION SELECT up.kind, ${parentStep('up', 'id')}) `;

const countOne =
  `${articleSubjects}INSERT INTO ${TIMELINE_TABLE} (subject_kind, subject_id, day, articles) ` +
  'SELECT up.kind, up.id, a.published_at, 1 FROM up, article a WHERE a.id = ? AND a.published_at IS NOT NULL ' +
  'ON CONFLICT (subject_kind, subject_id, day) DO UPDATE SET articles = timeline_day.articles + 1';

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
  `UNION ALL SELECT closure.kind, closure.descendant, ${parentStep('closure', 'ancestor')}), ` +
  'counted(kind, id, day, articles) AS (' +
  'SELECT l.subject_kind, coalesce(c.ancestor, l.subject_id), a.published_at, count(DISTINCT a.id) FROM article a ' +
  'JOIN article_link l ON l.article_id = a.id LEFT JOIN closure c ON c.kind = l.subject_kind AND c.descendant = l.subject_id ' +
  'WHERE a.id > ? AND a.published_at IS NOT NULL GROUP BY 1, 2, 3 ' +
  `UNION ALL SELECT '${ALL_ARTICLES.kind}', ${ALL_ARTICLES.id}, a.published_at, count(*) FROM article a WHERE a.id > ? AND a.published_at IS NOT NULL GROUP BY 3) ` +
  `INSERT INTO ${TIMELINE_TABLE} (subject_kind, subject_id, day, articles) SELECT kind, id, day, articles FROM counted WHERE true ` +
  'ON CONFLICT (subject_kind, subject_id, day) DO UPDATE SET articles = timeline_day.articles + excluded.articles';

/** Where every topic and place sits in its tree, as one string: it changes exactly when a subtree does. */
const treeShape = (dialect: Dialect) =>
  `SELECT ${dialect.stringAgg('node', "','")} AS shape FROM (SELECT 't' || id || '<' || coalesce(CAST(parent_id AS TEXT), '') AS node FROM topic ` +
  "UNION ALL SELECT 'p' || id || '<' || coalesce(CAST(parent_id AS TEXT), '') FROM place) nodes";

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
  const shape = async () => new Set(((await sql.get<{ shape: string | null }>(treeShape(sql.dialect)))!.shape ?? '').split(',').filter(Boolean));
  const before = await shape();
  const result = await upsertCatalogue();
  const after = await shape();
  if ([...before].some((node) => !after.has(node))) await rebuildTimeline(sql);
  return result;
}
