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

/** filter.topics.any resolved to ids: the one statement that checks every slug of a filter. */
export const RESOLVE_TOPIC_SLUG = "SELECT 'TOPIC' AS kind, slug, id FROM topic WHERE slug IN (?)";

/** Linked to the topic or any topic below it (`linkedTo` for a tree kind, one id). */
const LINKED_TO_TOPIC =
  'EXISTS (SELECT 1 FROM article_link l WHERE l.article_id = a.id AND l.subject_kind = ? AND l.subject_id IN (' +
  'WITH RECURSIVE sub(id) AS (SELECT id FROM topic WHERE id IN (?) UNION SELECT c.id FROM topic c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))';

/** One keyset page, newest first (`fetchArticlePage`, PUBLISHED_AT_DESC, no cursor). */
export const TOPIC_PAGE =
  `SELECT ${ARTICLE_COLUMNS}, coalesce(a.published_at, '') AS sortKey FROM article a WHERE (${LINKED_TO_TOPIC}) AND 1 ` +
  "ORDER BY coalesce(a.published_at, '') DESC, a.id DESC LIMIT ?";

/** totalCount of a root list (`countArticles` without scope: no WITH, no GROUP BY, hence the trailing space). */
export const TOPIC_COUNT = `SELECT 0 AS root, count(*) AS n FROM article a WHERE ${LINKED_TO_TOPIC} `;

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
