/**
 * The SQL Quipu runs for the floor's operations, copied by hand from src/article/article.query.ts,
 * article.filter.ts, article.loaders.ts and src/subject/subject.loaders.ts (subject-table.ts for
 * the column lists). Copied, not imported: the floor is a hand-written endpoint. The bench checks
 * at run time that the floor executes exactly Quipu's statement texts, and says so in RESULTS.md
 * when they drift apart (then update this file).
 */

export const ARTICLE_COLUMNS =
  'a.id, a.slug, a.title, a.summary, a.body, a.kind, a.published_at AS publishedAt, a.language, a.source_id AS sourceId, ' +
  'a.content_hash AS contentHash, a.created_at AS createdAt, a.updated_at AS updatedAt';

/**
 * filter.topics.any resolved to ids, the one statement that checks every slug of a filter; it also
 * reads how many links the topic's subtree has from the per-subject aggregate, and the highest
 * article id (`resolveSlugs`). Parameters: slug, slug.
 */
export const RESOLVE_TOPIC_SLUG =
  "SELECT 'TOPIC' AS kind, e.slug, e.id, CASE WHEN e.slug IN (?) THEN (SELECT coalesce(sum(s.articles), 0) FROM link_subject s " +
  "WHERE s.subject_kind = 'TOPIC' AND s.subject_id IN (WITH RECURSIVE sub(id) AS (SELECT e.id UNION SELECT c.id FROM topic c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)) END AS links, " +
  '(SELECT max(id) FROM article) AS articles FROM topic e WHERE e.slug IN (?)';

export const MAX_SELECTIVE = 5000;

/** Quipu's choice of page shape (`selectiveBelow` in article.filter.ts): read the set below √(page × articles). */
export function selective(links: number, first: number, articles: number): boolean {
  return links <= Math.min(MAX_SELECTIVE, Math.sqrt((first + 1) * articles));
}

/** The articles linked to the topic or any topic below it (`linkedArticles` for a tree kind, one id). */
const TOPIC_SET =
  'SELECT l.article_id FROM article_link l WHERE l.subject_kind = ? AND l.subject_id IN (' +
  'WITH RECURSIVE sub(id) AS (SELECT id FROM topic WHERE id IN (?) UNION SELECT c.id FROM topic c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)';

const WALK_CONDITION = `EXISTS (${TOPIC_SET} AND l.article_id = a.id)`;
const SET_CONDITION = `a.id IN (${TOPIC_SET})`;
const NEWEST = "FROM article a WHERE (CONDITION) AND 1 ORDER BY coalesce(a.published_at, '') DESC, a.id DESC LIMIT ?";

/** Walking the order, testing each article (a common topic): one keyset page's ids, newest first (`fetchArticlePage`). */
export const TOPIC_PAGE_WALK = `SELECT a.id, coalesce(a.published_at, '') AS sortKey ${NEWEST.replace('CONDITION', WALK_CONDITION)}`;

/** Reading the topic's small set of articles and sorting their ids (a rare topic). */
export const TOPIC_PAGE_SET = `SELECT a.id, coalesce(a.published_at, '') AS sortKey ${NEWEST.replace('CONDITION', SET_CONDITION)}`;

/** The page's rows by id (`withRows` in article.query.ts), for n ids. */
export function articlesById(n: number): string {
  return `SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id IN (${new Array(n).fill('?').join(', ')})`;
}

/**
 * totalCount of a one-subject filter (`countArticles` with `query.subject`): the subject's rows of the
 * per-day aggregate plus its undated articles, tested in the page's shape. Parameters: kind, id, kind, id.
 */
export function topicCount(selectiveShape: boolean): string {
  return (
    'SELECT coalesce((SELECT sum(articles) FROM timeline_day WHERE subject_kind = ? AND subject_id = ?), 0) + ' +
    `(SELECT count(*) FROM article a WHERE a.published_at IS NULL AND (${selectiveShape ? SET_CONDITION : WALK_CONDITION})) AS n`
  );
}

export const ARTICLE_BY_SLUG = `SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.slug = ?`;

export const SUBJECT_KINDS = [
  { kind: 'TOPIC', table: 'topic', columns: 'e.id, e.slug, e.name, e.description, e.parent_id AS parentId' },
  { kind: 'PLACE', table: 'place', columns: 'e.id, e.slug, e.name, e.aliases AS aliasesJson, e.kind, e.parent_id AS parentId, e.latitude, e.longitude' },
  {
    kind: 'ORGANISATION',
    table: 'organisation',
    columns: 'e.id, e.slug, e.name, e.aliases AS aliasesJson, e.kind, e.parent_id AS parentId, e.country, e.description',
  },
  { kind: 'PERSON', table: 'person', columns: 'e.id, e.slug, e.name, e.aliases AS aliasesJson, e.description' },
] as const;

export type FloorSubjectKind = (typeof SUBJECT_KINDS)[number]['kind'];

const placeholders = (n: number) => new Array(n).fill('?').join(', ');

/** The subjects of one kind for a batch of articles (`ofArticle` loader). */
export function subjectsOfArticles(kind: (typeof SUBJECT_KINDS)[number], articles: number): string {
  return (
    `SELECT l.article_id AS articleId, ${kind.columns} FROM article_link l JOIN ${kind.table} e ON e.id = l.subject_id ` +
    `WHERE l.subject_kind = ? AND l.article_id IN (${placeholders(articles)}) ORDER BY l.relevance DESC, e.name`
  );
}

/** Sources by id (`sourceById` loader). */
export function sourcesById(ids: number): string {
  return `SELECT id, name, url FROM source WHERE id IN (${placeholders(ids)})`;
}
