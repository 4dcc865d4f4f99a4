import { countArticles } from '../article/article.count';
import type { ArticleFilter } from '../article/article.filter';
import { compileArticleQuery } from '../article/article.query';
import { SubjectKind } from '../article/mention-kinds';
import { BadUserInput } from '../core/errors';
import { toGlobalId } from '../core/node';
import { placeholders, type Sql, type SqlValue } from '../db/sql';
import { subjectTables } from '../subject/subject-table';
import type { LinkEdge, LinkGraph, LinkNode, PairStats, SubjectRef } from './links.types';

/** `links(first:)` range. */
export const MAX_LINK_EDGES = 200;
/** `articles(first:)` of an edge, a related entity or a step: the evidence. */
export const MAX_EVIDENCE = 20;
/** A filtered or searched network is computed live over at most this many matching articles. */
export const MAX_LIVE_ARTICLES = 2000;

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
export async function computeGraph(sql: Sql, args: LinksArgs, liveLimit = MAX_LIVE_ARTICLES): Promise<LinkGraph> {
  const kinds = checkKinds(args.kinds);
  checkRange(args.first, 'first', 1, MAX_LINK_EDGES);
  if (!Number.isInteger(args.minCount) || args.minCount < 1) throw new BadUserInput(`minCount must be 1 or more; got ${args.minCount}`, 'minCount');
  const live = args.filter != null || args.search != null;
  return live ? liveGraph(sql, args, kinds, liveLimit) : storedGraph(sql, args, kinds);
}

async function storedGraph(sql: Sql, args: LinksArgs, kinds: SubjectKind[]): Promise<LinkGraph> {
  const terms: string[] = [];
  const params: SqlValue[] = [];
  kinds.forEach((ka, i) => {
    for (const kb of kinds.slice(i)) {
      terms.push(
        `SELECT * FROM (SELECT a_kind, a_id, b_kind, b_id, articles FROM link_pair WHERE a_kind = ? AND b_kind = ? AND (${canonical}) AND articles >= ? ` +
          'ORDER BY articles DESC, a_id, b_id LIMIT ?)',
      );
      params.push(ka, kb, args.minCount, args.first);
    }
  });
  const rows = await sql.all<PairRow & { total: number }>(
    'SELECT p.a_kind AS ak, p.a_id AS ai, p.b_kind AS bk, p.b_id AS bi, p.articles AS c, na.articles AS na, nb.articles AS nb, ' +
      `(SELECT articles FROM link_total) AS total FROM (${terms.join(' UNION ALL ')}) p ` +
      'JOIN link_subject na ON na.subject_kind = p.a_kind AND na.subject_id = p.a_id ' +
      'JOIN link_subject nb ON nb.subject_kind = p.b_kind AND nb.subject_id = p.b_id ' +
      'ORDER BY p.articles DESC, p.a_kind, p.a_id, p.b_kind, p.b_id LIMIT ?',
    [...params, args.first],
  );
  const total = rows[0]?.total ?? (await sql.get<{ n: number }>('SELECT articles AS n FROM link_total'))!.n;
  if (rows.length > 0) return toGraph(rows, total, total, null);
  const top = await sql.all<{ kind: SubjectKind; id: number; n: number }>(
    `SELECT subject_kind AS kind, subject_id AS id, articles AS n FROM link_subject WHERE subject_kind IN (${placeholders(kinds.length)}) ` +
      'ORDER BY articles DESC, subject_kind, subject_id LIMIT ?',
    [...kinds, args.first],
  );
  return { articleCount: total, edges: [], nodes: top.map((t) => node({ kind: t.kind, id: t.id }, t.n)) };
}

async function liveGraph(sql: Sql, args: LinksArgs, kinds: SubjectKind[], limit: number): Promise<LinkGraph> {
  const query = await compileArticleQuery(sql, { filter: args.filter, search: args.search, first: 0 });
  const from = query.match ? `article a JOIN (${sql.dialect.searchHitsSubquery}) s ON s.id = a.id` : 'article a';
  const matches = await sql.all<{ id: number; date: string }>(`SELECT a.id, coalesce(a.published_at, '') AS date FROM ${from} WHERE ${query.wholeCondition.text} LIMIT ?`, [
    ...(query.match ? [query.match] : []),
    ...query.wholeCondition.params,
    limit + 1,
  ]);
  // Newest first, as the evidence is listed: each pair's articles are then collected in order.
  const ids = matches.sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : y.id - x.id)).map((m) => m.id);
  if (ids.length > limit) {
    const count = (await countArticles(sql, query)).get(0)!;
    throw new BadUserInput(
      `links: filter and search match ${count} articles; a filtered network is counted live over at most ${limit}. ` +
        'Narrow the filter (a date range, more topics or places) or the search, or leave both out for the precomputed network of all articles.',
      args.filter != null ? 'filter' : 'search',
    );
  }
  const scope = JSON.stringify(ids);
  // The links of the matching articles, article by article (CROSS JOIN keeps that order: from the ids
  // to their links by primary key). Pairs are counted here rather than by a GROUP BY in SQLite:
  // hundreds of thousands of pair rows sort slowly in a temporary B-tree, and count fast in a map.
  const links = await sql.all<{ a: number; k: SubjectKind; s: number }>(
    `SELECT l.article_id AS a, l.subject_kind AS k, l.subject_id AS s FROM ${sql.dialect.jsonIntegers} j ` +
      `CROSS JOIN article_link l ON l.article_id = j.value AND l.subject_kind IN (${placeholders(kinds.length)})`,
    [scope, ...kinds],
  );
  const { nodes, pairs } = countPairs(links);
  const top = strongest(pairs, args.minCount, args.first);
  if (top.length === 0) {
    const alone = [...nodes].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, args.first);
    return { articleCount: ids.length, edges: [], nodes: alone.map(([k, n]) => node(unkey(k), n)) };
  }
  const rows = top.map((p) => {
    const a = unkey(p.a);
    const b = unkey(p.b);
    return { ak: a.kind, ai: a.id, bk: b.kind, bi: b.id, c: p.c, na: nodes.get(p.a)!, nb: nodes.get(p.b)! };
  });
  return toGraph(rows, ids.length, 0, evidenceOf(links, top));
}

/** Kinds in text order, so that a numeric key orders as (kind, id) does in SQL. */
const KIND_ORDER = [...ALL_KINDS].sort();
const keyOf = (kind: SubjectKind, id: number) => KIND_ORDER.indexOf(kind) * 2 ** 32 + id;
const unkey = (key: number): SubjectRef => ({ kind: KIND_ORDER[Math.floor(key / 2 ** 32)], id: key % 2 ** 32 });

/** Each article's links as sorted keys, article by article in the order given. */
function* byArticle(links: { a: number; k: SubjectKind; s: number }[]): Generator<{ article: number; keys: number[] }> {
  for (let start = 0; start < links.length; ) {
    let end = start;
    while (end < links.length && links[end].a === links[start].a) end++;
    yield {
      article: links[start].a,
      keys: links
        .slice(start, end)
        .map((l) => keyOf(l.k, l.s))
        .sort((x, y) => x - y),
    };
    start = end;
  }
}

/** The first MAX_EVIDENCE articles (in the links' article order) of each of the chosen pairs. */
function evidenceOf(links: { a: number; k: SubjectKind; s: number }[], top: Pair[]): number[][] {
  const wanted = new Map<number, Map<number, number[]>>();
  for (const p of top) (wanted.get(p.a) ?? wanted.set(p.a, new Map()).get(p.a)!).set(p.b, []);
  for (const { article, keys } of byArticle(links)) {
    for (let i = 0; i < keys.length; i++) {
      const partners = wanted.get(keys[i]);
      if (!partners) continue;
      for (let j = i + 1; j < keys.length; j++) {
        const list = partners.get(keys[j]);
        if (list && list.length < MAX_EVIDENCE) list.push(article);
      }
    }
  }
  return top.map((p) => wanted.get(p.a)!.get(p.b)!);
}

/**
 * Articles per entity and per pair (a < b) of links grouped by article. Entities are numbered
 * densely first so that a pair is one small integer key in one map: with hundreds of thousands of
 * pairs, nested maps over the wide (kind, id) keys measured about twice as slow.
 */
function countPairs(links: { a: number; k: SubjectKind; s: number }[]) {
  const nodes = new Map<number, number>();
  const articles = [...byArticle(links)];
  for (const { keys } of articles) for (const k of keys) nodes.set(k, (nodes.get(k) ?? 0) + 1);
  const subjects = [...nodes.keys()];
  const dense = new Map(subjects.map((k, i) => [k, i]));
  const size = subjects.length;
  const counts = new Map<number, number>();
  for (const { keys } of articles) {
    const ids = keys.map((k) => dense.get(k)!);
    for (let i = 0; i < ids.length; i++) {
      const base = ids[i] * size;
      for (let j = i + 1; j < ids.length; j++) counts.set(base + ids[j], (counts.get(base + ids[j]) ?? 0) + 1);
    }
  }
  const pairs: Pair[] = [];
  for (const [key, c] of counts) pairs.push({ a: subjects[Math.floor(key / size)], b: subjects[key % size], c });
  return { nodes, pairs };
}

interface Pair {
  a: number;
  b: number;
  c: number;
}

/** The `first` strongest pairs of at least `minCount`: a histogram finds the cut, so only those few are sorted. */
function strongest(pairs: Pair[], minCount: number, first: number): Pair[] {
  const histogram: number[] = [];
  for (const p of pairs) histogram[p.c] = (histogram[p.c] ?? 0) + 1;
  let cut = histogram.length;
  for (let seen = 0; cut > minCount && seen < first; ) seen += histogram[--cut] ?? 0;
  return pairs
    .filter((p) => p.c >= Math.max(cut, minCount))
    .sort((x, y) => y.c - x.c || x.a - y.a || x.b - y.b)
    .slice(0, first);
}

function node(ref: SubjectRef, articleCount: number): LinkNode {
  return { id: toGlobalId(subjectTables[ref.kind].type, ref.id), kind: ref.kind, articleCount, ref };
}

/** Measures of a pair: counts within what was counted (N articles). */
export function measures(count: number, na: number, nb: number, n: number): { jaccard: number; lift: number } {
  return { jaccard: count / (na + nb - count), lift: (count * n) / (na * nb) };
}

function toGraph(rows: PairRow[], n: number, total: number, evidence: number[][] | null): LinkGraph {
  const nodes = new Map<string, LinkNode>();
  const edges: LinkEdge[] = rows.map((row, i) => {
    const a = { kind: row.ak, id: row.ai };
    const b = { kind: row.bk, id: row.bi };
    const source = nodes.get(`${a.kind}:${a.id}`) ?? nodes.set(`${a.kind}:${a.id}`, node(a, row.na)).get(`${a.kind}:${a.id}`)!;
    const target = nodes.get(`${b.kind}:${b.id}`) ?? nodes.set(`${b.kind}:${b.id}`, node(b, row.nb)).get(`${b.kind}:${b.id}`)!;
    const stats: PairStats = { a, b, count: row.c, na: row.na, nb: row.nb, total, evidence: evidence ? evidence[i] : null };
    return { source: source.id, target: target.id, count: row.c, ...measures(row.c, row.na, row.nb, n), stats };
  });
  return { articleCount: n, nodes: [...nodes.values()], edges };
}
