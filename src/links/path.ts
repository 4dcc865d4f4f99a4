import type { SubjectKind } from '../article/mention-kinds';
import { BadUserInput } from '../core/errors';
import type { Sql, SqlValue } from '../db/sql';
import type { EntityPath, PairStats, PathResult, SubjectRef } from './links.types';

/** `path(maxHops:)` range. */
export const MAX_PATH_HOPS = 4;
/** The search reads at most this many neighbour rows (pairs) from the aggregate, both sides together. */
export const MAX_PATH_LINKS = 200_000;
/** At most this many shortest paths are returned. */
export const MAX_PATHS = 10;

const key = (ref: SubjectRef) => `${ref.kind}:${ref.id}`;
const parse = (k: string): SubjectRef => {
  const [kind, id] = k.split(':');
  return { kind: kind as SubjectKind, id: Number(id) };
};

interface Side {
  /** Every entity reached, with its distance from this side's end. */
  depth: Map<string, number>;
  /** Every entity reached, with its neighbours one step nearer this side's end. */
  parents: Map<string, string[]>;
  frontier: string[];
}

/**
 * The shortest chains entity – article – entity from `from` to `to`, by bidirectional breadth-first
 * search over the pair aggregate: each round expands, one whole layer at a time, the side with the
 * smaller frontier (one statement per layer). The search is bounded: past MAX_PATH_LINKS neighbour
 * rows it stops with an error that says so, rather than answering a "none" it could not prove.
 */
export async function findPaths(sql: Sql, from: SubjectRef, to: SubjectRef, maxHops: number, maxLinks = MAX_PATH_LINKS): Promise<PathResult> {
  if (key(from) === key(to)) return { found: true, hops: 0, paths: [{ refs: [from], steps: [] }] };
  const start = (ref: SubjectRef): Side => ({ depth: new Map([[key(ref), 0]]), parents: new Map([[key(ref), []]]), frontier: [key(ref)] });
  const sides: [Side, Side] = [start(from), start(to)];
  // The first round expands the end with fewer articles (fewer neighbours to read); an end that no
  // article mentions has no neighbours at all.
  const articles = await sql.all<{ k: string; n: number }>(
    "SELECT subject_kind || ':' || subject_id AS k, articles AS n FROM link_subject WHERE (subject_kind, subject_id) IN (VALUES (?, CAST(? AS INTEGER)), (?, CAST(? AS INTEGER)))",
    [from.kind, from.id, to.kind, to.id],
  );
  const count = (ref: SubjectRef) => articles.find((a) => a.k === key(ref))?.n ?? 0;
  if (count(from) === 0 || count(to) === 0) return { found: false, hops: null, paths: [] };
  // Two common entities are most often linked directly: one primary-key probe answers that before
  // any neighbour list (tens of thousands of rows for a common entity) is read.
  const direct = await sql.get('SELECT 1 AS one FROM link_pair WHERE a_kind = ? AND a_id = ? AND b_kind = ? AND b_id = ?', [from.kind, from.id, to.kind, to.id]);
  if (direct) return { found: true, hops: 1, paths: [{ refs: [from, to], steps: [] }] };
  let read = 0;
  for (let hops = 1; hops <= maxHops; hops++) {
    const s = hops === 1 ? (count(from) <= count(to) ? 0 : 1) : sides[0].frontier.length <= sides[1].frontier.length ? 0 : 1;
    const side = sides[s];
    const other = sides[1 - s];
    if (side.frontier.length === 0) break;
    const remaining = maxLinks - read;
    const rows = await neighbours(sql, side.frontier, remaining + 1);
    read += rows.length;
    if (rows.length > remaining) {
      throw new BadUserInput(
        `path: the search read more than ${maxLinks} links between entities within ${hops} steps without settling the answer; ` +
          'the entities are too widely linked to search further. Try a smaller maxHops, or less common entities.',
        'maxHops',
      );
    }
    const layer = new Map<string, string[]>();
    const depth = side.depth.get(side.frontier[0])! + 1;
    for (const row of rows) {
      const near = `${row.ak}:${row.ai}`;
      const far = `${row.bk}:${row.bi}`;
      if (side.depth.has(far) && !layer.has(far)) continue;
      (layer.get(far) ?? layer.set(far, []).get(far)!).push(near);
    }
    for (const [far, nears] of layer) {
      side.depth.set(far, depth);
      side.parents.set(far, nears.sort());
    }
    side.frontier = [...layer.keys()];
    const meeting = side.frontier.filter((k) => other.depth.has(k)).sort();
    if (meeting.length > 0) {
      const best = Math.min(...meeting.map((m) => other.depth.get(m)!));
      const middles = meeting.filter((m) => other.depth.get(m) === best);
      const forward = s === 0 ? side : other;
      const backward = s === 0 ? other : side;
      return { found: true, hops: depth + best, paths: enumerate(middles, forward, backward).map((refs) => ({ refs, steps: [] })) };
    }
  }
  return { found: false, hops: null, paths: [] };
}

/** Up to MAX_PATHS chains through the meeting entities, in order of their keys. */
function enumerate(middles: string[], forward: Side, backward: Side): SubjectRef[][] {
  const halves = (side: Side, k: string): string[][] => {
    const parents = side.parents.get(k)!;
    if (parents.length === 0) return [[k]];
    const out: string[][] = [];
    for (const p of parents) {
      for (const rest of halves(side, p)) {
        out.push([k, ...rest]);
        if (out.length >= MAX_PATHS) return out;
      }
    }
    return out;
  };
  const paths: SubjectRef[][] = [];
  for (const m of middles) {
    for (const head of halves(forward, m)) {
      // halves() runs from the middle outwards: the forward half is read back to front.
      const fromStart = [...head].reverse();
      for (const tail of halves(backward, m)) {
        paths.push([...fromStart, ...tail.slice(1)].map(parse));
        if (paths.length >= MAX_PATHS) return paths;
      }
    }
  }
  return paths;
}

function neighbours(sql: Sql, frontier: string[], limit: number) {
  const refs = frontier.map(parse);
  // The frontier as one JSON parameter (it can outgrow SQLite's limit on bound parameters); one
  // primary-key range per frontier entity.
  return sql.all<{ ak: SubjectKind; ai: number; bk: SubjectKind; bi: number }>(
    `SELECT a_kind AS ak, a_id AS ai, b_kind AS bk, b_id AS bi FROM link_pair WHERE (a_kind, a_id) IN (SELECT kind, id FROM ${sql.dialect.jsonPairs} pairs) LIMIT ?`,
    [JSON.stringify(refs.map((r) => [r.kind, r.id])), limit],
  );
}

/** The counts of each step's pair (for the evidence plans), in one statement for all paths. */
export async function attachSteps(sql: Sql, paths: EntityPath[]): Promise<void> {
  const pairs = new Map<string, [SubjectRef, SubjectRef]>();
  for (const path of paths) for (let i = 1; i < path.refs.length; i++) pairs.set(`${key(path.refs[i - 1])}|${key(path.refs[i])}`, [path.refs[i - 1], path.refs[i]]);
  if (pairs.size === 0) return;
  const list = [...pairs.values()];
  const rows = await sql.lookup<{ ak: string; ai: number; bk: string; bi: number; c: number; na: number; nb: number; total: number }>(
    'SELECT p.a_kind AS ak, p.a_id AS ai, p.b_kind AS bk, p.b_id AS bi, p.articles AS c, na.articles AS na, nb.articles AS nb, (SELECT articles FROM link_total) AS total ' +
      `FROM link_pair p JOIN link_subject na ON na.subject_kind = p.a_kind AND na.subject_id = p.a_id JOIN link_subject nb ON nb.subject_kind = p.b_kind AND nb.subject_id = p.b_id ` +
      `WHERE (p.a_kind, p.a_id, p.b_kind, p.b_id) IN (VALUES ${list.map(() => '(?, CAST(? AS INTEGER), ?, CAST(? AS INTEGER))').join(', ')})`,
    list.flatMap(([a, b]) => [a.kind, a.id, b.kind, b.id] as SqlValue[]),
  );
  const stats = new Map<string, PairStats>(
    rows.map((r) => [
      `${r.ak}:${r.ai}|${r.bk}:${r.bi}`,
      { a: { kind: r.ak as SubjectKind, id: r.ai }, b: { kind: r.bk as SubjectKind, id: r.bi }, count: r.c, na: r.na, nb: r.nb, total: r.total, evidence: null },
    ]),
  );
  for (const path of paths) {
    path.steps = path.refs.slice(1).map((to, i) => ({ fromRef: path.refs[i], toRef: to, stats: stats.get(`${key(path.refs[i])}|${key(to)}`)! }));
  }
}
