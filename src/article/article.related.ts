import type { RelatedBound, RelatedRow } from '../db/article-sets';
import { placeholders, type Sql } from '../db/sql';
import type { SubjectKind } from './mention-kinds';

/** `Article.related(first:)` range; the loader always reads this many and the resolver slices. */
export const MAX_RELATED = 20;

/** Rarest entities first, an entity's whole article list is read while the lists add up to at most this. */
export const RELATED_WHOLE_BUDGET = 500;

/** From each of the article's other (commoner) entities, the articles most recently added, this many. */
export const RELATED_PER_COMMON_ENTITY = 10;

/** Which candidates are read, and a related row: defined with the article index's requests (db/article-sets.ts), which answer them too. */
export type { RelatedBound, RelatedRow };

/** The product's bound (tests pass smaller ones to exercise it on a small corpus). */
export const RELATED_BOUND: RelatedBound = { wholeBudget: RELATED_WHOLE_BUDGET, perCommonEntity: RELATED_PER_COMMON_ENTITY };

export interface SharedEntity {
  kind: SubjectKind;
  id: number;
  /** Articles linked directly to the entity. */
  articles: number;
  /** ln(total / articles). */
  weight: number;
}

/**
 * Terminology. The article's entities are its direct links (topics, organisations, places,
 * people). An entity's weight is its inverse document frequency, w(e) = ln(N / articles(e)),
 * with N all articles (`link_total`) and articles(e) the articles linked directly to it
 * (`link_subject`; a topic's subtopics do not count for it). An entity on every article weighs 0,
 * one on a single article ln N. A related article's score is the sum of the weights of every
 * entity it shares with the article.
 *
 * Why candidates are bounded. Scoring every article that shares any entity is a self-join over
 * the entity's whole article list: a hot topic of a 1,000,000-article corpus has 250,000. So the
 * candidates are (1) every article linked to the article's rarest entities, taken rarest first
 * while their article counts add up to at most RELATED_WHOLE_BUDGET, and (2) for each of its other
 * entities, the RELATED_PER_COMMON_ENTITY articles most recently added (highest ids, read backwards
 * from the `article_link_subject` index). Rare entities weigh most, so the articles sharing them are
 * all considered; a common entity only adds recent articles. Each candidate is then scored over ALL
 * the entities it shares with the article (its own links, one index range), not just the one it
 * was found through. So at most 500 + 10 × entities candidates are read and scored per article.
 *
 * Order: score descending, then the newer publication date (undated pages last), then the higher id.
 * One statement serves every article of a batch (each row carries its `articleId`).
 */
export function readRelated(sql: Sql, articleIds: readonly number[], bound: RelatedBound = RELATED_BOUND): Promise<RelatedRow[]> {
  return sql.all<RelatedRow>(
    'WITH mine AS MATERIALIZED (' +
      // The article's entities with their counts and weights; `whole` when the rarest-first running
      // total of article counts is within the budget.
      'SELECT src, kind, sid, n, w, total, sum(n) OVER (PARTITION BY src ORDER BY n, kind, sid) <= ? AS whole FROM (' +
      'SELECT l.article_id AS src, l.subject_kind AS kind, l.subject_id AS sid, s.articles AS n, t.articles AS total, ' +
      'ln(CAST(t.articles AS DOUBLE PRECISION) / s.articles) AS w ' +
      'FROM link_total t CROSS JOIN article_link l JOIN link_subject s ON s.subject_kind = l.subject_kind AND s.subject_id = l.subject_id ' +
      `WHERE l.article_id IN (${placeholders(articleIds.length)}))), ` +
      // Candidates: all of a whole entity's articles, the newest few of any other (from the id of
      // the K-th newest other article on: an index range, never the whole list).
      'found AS MATERIALIZED (SELECT DISTINCT m.src, o.article_id AS id ' +
      'FROM mine m CROSS JOIN article_link o ON o.subject_kind = m.kind AND o.subject_id = m.sid AND o.article_id <> m.src ' +
      'AND o.article_id >= CASE WHEN m.whole THEN 0 ELSE coalesce((SELECT x.article_id FROM article_link x ' +
      'WHERE x.subject_kind = m.kind AND x.subject_id = m.sid AND x.article_id <> m.src ORDER BY x.article_id DESC LIMIT 1 OFFSET ?), 0) END), ' +
      // Every candidate scored over all the entities it shares: its links (read by its id) matched against mine.
      'scored AS MATERIALIZED (SELECT c.src, c.id, round(CAST(sum(m.w) AS NUMERIC), 9) AS score ' +
      `FROM (SELECT f.src, f.id, y.subject_kind AS kind, y.subject_id AS sid FROM found f CROSS JOIN article_link y ON y.article_id = f.id${sql.dialect.fence}) c ` +
      'CROSS JOIN mine m ON m.src = c.src AND m.kind = c.kind AND m.sid = c.sid GROUP BY c.src, c.id), ' +
      // The best scores (all ties at the cut kept), so dates are read for those alone.
      'best AS (SELECT src, id, score FROM (SELECT src, id, score, rank() OVER (PARTITION BY src ORDER BY score DESC) AS r FROM scored) WHERE r <= ?) ' +
      'SELECT articleId, relatedId, score, shared, total FROM (' +
      `SELECT b.src AS articleId, b.id AS relatedId, b.score, ${sql.dialect.stringAgg("m.kind || ':' || m.sid || ':' || m.n", "','")} AS shared, max(m.total) AS total, ` +
      "ROW_NUMBER() OVER (PARTITION BY b.src ORDER BY b.score DESC, coalesce(a.published_at, '') DESC, a.id DESC) AS rowNumber " +
      'FROM best b CROSS JOIN article a ON a.id = b.id CROSS JOIN article_link y ON y.article_id = b.id ' +
      'CROSS JOIN mine m ON m.src = b.src AND m.kind = y.subject_kind AND m.sid = y.subject_id GROUP BY b.src, b.id, b.score, a.id' +
      ') WHERE rowNumber <= ? ORDER BY articleId, rowNumber',
    [bound.wholeBudget, ...articleIds, bound.perCommonEntity - 1, MAX_RELATED, MAX_RELATED],
  );
}

/**
 * The related rows of these articles: from the article index when the engine keeps one and it is built
 * (db/related-sets.ts computes there what `readRelated` computes), else from SQL.
 */
export async function relatedRows(sql: Sql, articleIds: readonly number[], bound: RelatedBound = RELATED_BOUND): Promise<RelatedRow[]> {
  const answer = await sql.articleSets({ related: { articleIds: [...articleIds], bound, first: MAX_RELATED } });
  return answer?.related ?? readRelated(sql, articleIds, bound);
}

/** A row's shared entities with their weights, heaviest first (then by kind and id). */
export function sharedEntities(row: RelatedRow): SharedEntity[] {
  return row.shared
    .split(',')
    .map((ref) => {
      const [kind, id, articles] = ref.split(':');
      return { kind: kind as SubjectKind, id: Number(id), articles: Number(articles), weight: Math.log(row.total / Number(articles)) };
    })
    .sort((a, b) => b.weight - a.weight || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id - b.id));
}
