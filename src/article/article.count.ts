import type { Sql } from '../db/sql';
import { ALL_ARTICLES, TIMELINE_TABLE } from '../timeline/timeline.counts';
import { type ArticleQuery, groupBy, listRelation, type Scope, withClause } from './article.query';

/** Undated articles a total may test on the event loop before it is counted on a reader instead (see countArticles). */
const UNDATED_IN_PROCESS = 1000;

/** Articles in each partition of the list (see listRelation); a root list is partition 0. */
export async function countArticles(sql: Sql, query: ArticleQuery, scope?: Scope): Promise<Map<number, number>> {
  const fromSets = async () => (!scope && !query.match && query.plan ? ((await sql.articleSets({ plan: query.plan, count: true }))?.count ?? null) : null);
  if (sql.setsBeforeLookups) {
    const count = await fromSets();
    if (count !== null) return new Map([[0, count]]);
  }
  if (!scope && !query.match && (query.subject || query.wholeCondition.text === 'TRUE')) {
    // The timeline aggregate holds each subject's dated articles per day (and all dated articles,
    // as the ALL row): their sum, plus the few undated articles the filter keeps, is the total. A
    // lookup: one subject's days (at most one row a day), and the undated pages if there are at most
    // UNDATED_IN_PROCESS of them (a corpus with more is counted on a reader, below).
    const { kind, id } = query.subject ?? ALL_ARTICLES;
    const undated = `(SELECT a.id, a.published_at, a.kind, a.title, a.updated_at FROM article a WHERE a.published_at IS NULL LIMIT ${UNDATED_IN_PROCESS + 1}) a`;
    // CASE evaluates lazily: with too many undated pages, nothing but their first UNDATED_IN_PROCESS + 1 is read.
    const [{ n }] = await sql.lookup<{ n: number | null }>(
      `SELECT CASE WHEN (SELECT count(*) FROM ${undated}) <= ${UNDATED_IN_PROCESS} THEN ` +
        `coalesce((SELECT sum(articles) FROM ${TIMELINE_TABLE} WHERE subject_kind = ? AND subject_id = ?), 0) + ` +
        `(SELECT count(*) FROM ${undated} WHERE ${query.condition.text}) END AS n`,
      [kind, id, ...query.condition.params],
    );
    if (n !== null) return new Map([[0, n]]);
  }
  if (!sql.setsBeforeLookups) {
    const count = await fromSets();
    if (count !== null) return new Map([[0, count]]);
  }
  if (!scope && !query.match && query.linkSet) {
    const { n } = (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM (${query.linkSet.text})`, query.linkSet.params))!;
    return new Map([[0, n]]);
  }
  if (!scope && query.match && query.wholeCondition.text === 'TRUE') {
    // Every hit of the search index is an article (the index follows the table): count the hits.
    const count = sql.dialect.countHits(query.match);
    const { n } = (await sql.get<{ n: number }>(count.text, count.params))!;
    return new Map([[0, n]]);
  }
  const list = listRelation(query, scope);
  // Search hits are tested one by one against the page's form of the filter: a rare word with a
  // hot topic should not build the topic's whole set to count one hit.
  const condition = query.match && !scope ? query.condition : query.wholeCondition;
  const rows = await sql.all<{ root: number; n: number }>(
    `${withClause(list.ctes)}SELECT ${list.root} AS root, count(*) AS n FROM ${list.from} WHERE ${condition.text} ${groupBy(list)}`,
    [...list.cteParams, ...list.fromParams, ...condition.params],
  );
  const counts = new Map(rows.map((row) => [row.root, row.n]));
  return new Map((scope?.ids ?? [0]).map((id) => [id, counts.get(id) ?? 0]));
}
