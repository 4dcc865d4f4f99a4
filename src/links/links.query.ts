import { compileArticleQuery, countArticles } from '../article/article.query';
import type { ArticleFilter } from '../article/article.filter';
import { SubjectKind } from '../article/mention-kinds';
import { searchSubquery } from '../db/fts5';
import { placeholders, type Sql, type SqlValue } from '../db/sql';
import { BadUserInput } from '../graph/errors';
import { toGlobalId } from '../graph/node';
import { subjectTables } from '../subject/subject-table';
import type { LinkEdge, LinkGraph, LinkNode, PairStats, SubjectRef } from './links.types';

/** `links(first:)` range. */
export const MAX_LINK_EDGES = 200;
/** A filtered or searched network is computed live over at most this many matching articles. */
export const MAX_LIVE_ARTICLES = 5000;

export const ALL_KINDS = Object.values(SubjectKind);

export interface LinksArgs {
  filter?: ArticleFilter | null;
  search?: string | null;
  kinds?: SubjectKind[] | null;
  minCount: number;
  first: number;
}

/**
 * The kinds asked for, checked, in text order (pairs are stored once with a_kind <= b_kind in that
 * order): null means all four; an empty list is an error (it could only answer nothing).
 */
export function checkKinds(kinds: SubjectKind[] | null | undefined, argument = 'kinds'): SubjectKind[] {
  if (kinds == null) return [...ALL_KINDS].sort();
  if (kinds.length === 0) throw new BadUserInput(`${argument} is empty: give at least one of ${ALL_KINDS.join(', ')}, or leave it out for all`, argument);
  return [...new Set(kinds)].sort();
}

export function checkRange(value: number, argument: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInput(`${argument} must be between ${min} and ${max}; got ${value}`, argument);
  }
  return value;
}

interface PairRow {
  ak: SubjectKind;
  ai: number;
  bk: SubjectKind;
  bi: number;
  c: number;
  na: number;
  nb: number;
}

const canonical = 'a_kind < b_kind OR (a_kind = b_kind AND a_id < b_id)';

/**
 * The co-occurrence network. Without filter and search it is read from the aggregates (the
 * strongest pairs of each two kinds are one index range each); with them it is counted live over
 * the matching articles, at most MAX_LIVE_ARTICLES of them, or a BAD_USER_INPUT error that says
 * how many matched.
 */
export function computeGraph(sql: Sql, args: LinksArgs, liveLimit = MAX_LIVE_ARTICLES): LinkGraph {
  const kinds = checkKinds(args.kinds);
  checkRange(args.first, 'first', 1, MAX_LINK_EDGES);
  if (!Number.isInteger(args.minCount) || args.minCount < 1) throw new BadUserInput(`minCount must be 1 or more; got ${args.minCount}`, 'minCount');
  const live = args.filter != null || args.search != null;
  return live ? liveGraph(sql, args, kinds, liveLimit) : storedGraph(sql, args, kinds);
}

function storedGraph(sql: Sql, args: LinksArgs, kinds: SubjectKind[]): LinkGraph {
  const terms: string[] = [];
  const params: SqlValue[] = [];
  kinds.forEach((ka, i) =>
    kinds.slice(i).forEach((kb) => {
      terms.push(
        `SELECT * FROM (SELECT a_kind, a_id, b_kind, b_id, articles FROM link_pair WHERE a_kind = ? AND b_kind = ? AND (${canonical}) AND articles >= ? ` +
          'ORDER BY articles DESC, a_id, b_id LIMIT ?)',
      );
      params.push(ka, kb, args.minCount, args.first);
    }),
  );
  const rows = sql.all<PairRow & { total: number }>(
    'SELECT p.a_kind AS ak, p.a_id AS ai, p.b_kind AS bk, p.b_id AS bi, p.articles AS c, na.articles AS na, nb.articles AS nb, ' +
      `(SELECT articles FROM link_total) AS total FROM (${terms.join(' UNION ALL ')}) p ` +
      'JOIN link_subject na ON na.subject_kind = p.a_kind AND na.subject_id = p.a_id ' +
      'JOIN link_subject nb ON nb.subject_kind = p.b_kind AND nb.subject_id = p.b_id ' +
      'ORDER BY p.articles DESC, p.a_kind, p.a_id, p.b_kind, p.b_id LIMIT ?',
    [...params, args.first],
  );
  const total = rows[0]?.total ?? sql.get<{ n: number }>('SELECT articles AS n FROM link_total')!.n;
  if (rows.length > 0) return toGraph(rows, total, total, null, null);
  const top = sql.all<{ kind: SubjectKind; id: number; n: number }>(
    `SELECT subject_kind AS kind, subject_id AS id, articles AS n FROM link_subject WHERE subject_kind IN (${placeholders(kinds.length)}) ` +
      'ORDER BY articles DESC, subject_kind, subject_id LIMIT ?',
    [...kinds, args.first],
  );
  return { articleCount: total, edges: [], nodes: top.map((t) => node({ kind: t.kind, id: t.id }, t.n)) };
}

function liveGraph(sql: Sql, args: LinksArgs, kinds: SubjectKind[], limit: number): LinkGraph {
  const query = compileArticleQuery(sql, { filter: args.filter, search: args.search, first: 0 });
  const from = query.match ? `article a JOIN (${searchSubquery}) s ON s.id = a.id` : 'article a';
  const ids = sql
    .all<{ id: number }>(`SELECT a.id FROM ${from} WHERE ${query.wholeCondition.text} LIMIT ?`, [
      ...(query.match ? [query.match] : []),
      ...query.wholeCondition.params,
      limit + 1,
    ])
    .map((row) => row.id);
  if (ids.length > limit) {
    const count = countArticles(sql, query).get(0)!;
    throw new BadUserInput(
      `links: filter and search match ${count} articles; a filtered network is counted live over at most ${limit}. ` +
        'Narrow the filter (a date range, more topics or places) or the search, or leave both out for the precomputed network of all articles.',
      args.filter != null ? 'filter' : 'search',
    );
  }
  const scope = JSON.stringify(ids);
  const rows = sql.all<PairRow & { ga: number; gb: number }>(
    'WITH l AS MATERIALIZED (SELECT l.article_id, l.subject_kind AS kind, l.subject_id AS sid FROM json_each(?) s ' +
      `JOIN article_link l ON l.article_id = s.value WHERE l.subject_kind IN (${placeholders(kinds.length)})), ` +
      'n AS MATERIALIZED (SELECT kind, sid, count(*) AS c FROM l GROUP BY kind, sid), ' +
      'p AS (SELECT x.kind AS ak, x.sid AS ai, y.kind AS bk, y.sid AS bi, count(*) AS c FROM l x JOIN l y ON y.article_id = x.article_id ' +
      'AND (x.kind < y.kind OR (x.kind = y.kind AND x.sid < y.sid)) GROUP BY 1, 2, 3, 4 HAVING count(*) >= ?) ' +
      'SELECT p.*, na.c AS na, nb.c AS nb, ga.articles AS ga, gb.articles AS gb FROM p ' +
      'JOIN n na ON na.kind = p.ak AND na.sid = p.ai JOIN n nb ON nb.kind = p.bk AND nb.sid = p.bi ' +
      'JOIN link_subject ga ON ga.subject_kind = p.ak AND ga.subject_id = p.ai JOIN link_subject gb ON gb.subject_kind = p.bk AND gb.subject_id = p.bi ' +
      'ORDER BY p.c DESC, p.ak, p.ai, p.bk, p.bi LIMIT ?',
    [scope, ...kinds, args.minCount, args.first],
  );
  if (rows.length > 0) return toGraph(rows, ids.length, 0, ids, rows);
  const top = sql.all<{ kind: SubjectKind; id: number; n: number }>(
    `SELECT l.subject_kind AS kind, l.subject_id AS id, count(*) AS n FROM json_each(?) s JOIN article_link l ON l.article_id = s.value ` +
      `WHERE l.subject_kind IN (${placeholders(kinds.length)}) GROUP BY 1, 2 ORDER BY n DESC, kind, id LIMIT ?`,
    [scope, ...kinds, args.first],
  );
  return { articleCount: ids.length, edges: [], nodes: top.map((t) => node({ kind: t.kind, id: t.id }, t.n)) };
}

function node(ref: SubjectRef, articleCount: number): LinkNode {
  return { id: toGlobalId(subjectTables[ref.kind].type, ref.id), kind: ref.kind, articleCount, ref };
}

/** Measures of a pair: counts within what was counted (N articles). */
export function measures(count: number, na: number, nb: number, n: number): { jaccard: number; lift: number } {
  return { jaccard: count / (na + nb - count), lift: (count * n) / (na * nb) };
}

function toGraph(rows: PairRow[], n: number, total: number, scope: number[] | null, global: (PairRow & { ga: number; gb: number })[] | null): LinkGraph {
  const nodes = new Map<string, LinkNode>();
  const edges: LinkEdge[] = rows.map((row, i) => {
    const a = { kind: row.ak, id: row.ai };
    const b = { kind: row.bk, id: row.bi };
    const source = nodes.get(`${a.kind}:${a.id}`) ?? nodes.set(`${a.kind}:${a.id}`, node(a, row.na)).get(`${a.kind}:${a.id}`)!;
    const target = nodes.get(`${b.kind}:${b.id}`) ?? nodes.set(`${b.kind}:${b.id}`, node(b, row.nb)).get(`${b.kind}:${b.id}`)!;
    // The evidence plans are sized on the counts over all articles (see links.loaders.ts).
    const stats: PairStats = global
      ? { a, b, count: row.c, na: global[i].ga, nb: global[i].gb, total: Number.MAX_SAFE_INTEGER, scope }
      : { a, b, count: row.c, na: row.na, nb: row.nb, total, scope };
    return { source: source.id, target: target.id, count: row.c, ...measures(row.c, row.na, row.nb, n), stats };
  });
  return { articleCount: n, nodes: [...nodes.values()], edges };
}
