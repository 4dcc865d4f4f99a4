import DataLoader from 'dataloader';
import type { Article } from '../article/article.entity';
import { ARTICLE_COLUMNS, hydrateArticle } from '../article/article.query';
import type { SubjectKind } from '../article/mention-kinds';
import type { Sql, SqlValue } from '../db/sql';
import type { Context } from '../graph/context';
import { groupRows } from '../subject/subject.loaders';
import type { PairStats, SubjectRef } from './links.types';

/** SQLite allows at most 500 terms in a compound SELECT: one per key below, so batches stop there. */
const MAX_TERMS = 500;

export interface EvidenceKey {
  stats: PairStats;
  first: number;
}

export interface RelatedKey {
  subject: SubjectRef;
  kinds: SubjectKind[];
  first: number;
}

export interface RelatedRow {
  kind: SubjectKind;
  id: number;
  count: number;
  na: number;
  nb: number;
  total: number;
}

const refKey = (ref: SubjectRef) => `${ref.kind}:${ref.id}`;
const evidenceKey = (ids: number[] | null) => (ids ? ids.join(',') : '*');
const NEWEST = "ORDER BY coalesce(a.published_at, '') DESC, a.id DESC";

/**
 * The evidence of one pair, newest first, as one term of a UNION ALL. A live graph found it while
 * counting (the ids, in order); otherwise the cheaper of two plans, each reading about the number
 * of rows it is costed at:
 *   walk   the articles newest first until `first` are linked to both: about first × N / count rows,
 *          cheap for strong pairs of common entities;
 *   links  the links of the rarer entity, each checked for the other: min(articles(a), articles(b)).
 */
function evidenceTerm(sql: Sql, key: EvidenceKey, index: number): { text: string; params: SqlValue[] } {
  const { a, b, count, na, nb, total, evidence } = key.stats;
  const select = `SELECT CAST(? AS INTEGER) AS k, ${ARTICLE_COLUMNS}`;
  if (evidence) {
    return {
      text: `SELECT * FROM (${select} FROM ${sql.dialect.jsonIntegers} j CROSS JOIN article a ON a.id = j.value ORDER BY j.key LIMIT ?)`,
      params: [index, JSON.stringify(evidence), key.first],
    };
  }
  const linked = (alias: string, article = 'a.id') =>
    `EXISTS (SELECT 1 FROM article_link ${alias} WHERE ${alias}.article_id = ${article} AND ${alias}.subject_kind = ? AND ${alias}.subject_id = ?)`;
  if ((key.first * total) / Math.max(count, 1) <= Math.min(na, nb)) {
    return {
      text: `SELECT * FROM (${select} FROM article a INDEXED BY article_order_newest WHERE ${linked('x')} AND ${linked('y')} ${NEWEST} LIMIT ?)`,
      params: [index, a.kind, a.id, b.kind, b.id, key.first],
    };
  }
  const [rare, other] = na <= nb ? [a, b] : [b, a];
  return {
    // The other link is checked on the link rows first, so only the articles of the pair are read.
    text:
      `SELECT * FROM (${select} FROM article a WHERE a.id IN (SELECT r.article_id FROM article_link r ` +
      `WHERE r.subject_kind = ? AND r.subject_id = ? AND ${linked('y', 'r.article_id')}) ${NEWEST} LIMIT ?)`,
    params: [index, rare.kind, rare.id, other.kind, other.id, key.first],
  };
}

/**
 * The analyst loaders of one request, made on first use. Each batches every load of a tick into
 * one statement (up to MAX_TERMS keys).
 */
export class LinkLoaders {
  constructor(private readonly sql: Sql) {}

  /** Articles linked to both entities of a pair (and in its scope), newest first, at most `first`. */
  readonly evidence = new DataLoader<EvidenceKey, Article[], string>(
    async (keys) => {
      const terms = keys.map((key, i) => evidenceTerm(this.sql, key, i));
      const rows = await this.sql.all<Record<string, unknown>>(
        terms.map((t) => t.text).join(' UNION ALL '),
        terms.flatMap((t) => t.params),
      );
      return groupRows(
        keys.map((_, i) => i),
        rows,
        (row) => row.k as number,
      ).map((group) => group.map(({ k: _k, ...row }) => hydrateArticle(row)));
    },
    {
      maxBatchSize: MAX_TERMS,
      cacheKeyFn: ({ stats, first }) => `${refKey(stats.a)}|${refKey(stats.b)}|${first}|${evidenceKey(stats.evidence)}`,
    },
  );

  /**
   * A subject's most linked subjects of the given kinds, from the pair aggregate: per parent and
   * kind one index range read in order (articles, most first, then id), at most `first` rows each.
   */
  readonly related = new DataLoader<RelatedKey, RelatedRow[], string>(
    async (keys) => {
      const terms: string[] = [];
      const params: SqlValue[] = [];
      keys.forEach((key, i) => {
        for (const kind of key.kinds) {
          terms.push(
            'SELECT * FROM (SELECT CAST(? AS INTEGER) AS k, a_kind, a_id, b_kind, b_id, articles FROM link_pair WHERE a_kind = ? AND a_id = ? AND b_kind = ? ORDER BY articles DESC, b_id LIMIT ?)',
          );
          params.push(i, key.subject.kind, key.subject.id, kind, key.first);
        }
      });
      const rows = await this.sql.lookup<RelatedRow & { k: number }>(
        'SELECT r.k, r.b_kind AS kind, r.b_id AS id, r.articles AS count, na.articles AS na, nb.articles AS nb, (SELECT articles FROM link_total) AS total ' +
          `FROM (${terms.join(' UNION ALL ')}) r JOIN link_subject nb ON nb.subject_kind = r.b_kind AND nb.subject_id = r.b_id ` +
          'JOIN link_subject na ON na.subject_kind = r.a_kind AND na.subject_id = r.a_id',
        params,
      );
      return groupRows(
        keys.map((_, i) => i),
        rows,
        (row) => row.k,
      ).map((group, i) => group.sort((x, y) => y.count - x.count || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : x.id - y.id)).slice(0, keys[i].first));
    },
    { maxBatchSize: Math.floor(MAX_TERMS / 4), cacheKeyFn: (key) => `${refKey(key.subject)}|${key.kinds.join(',')}|${key.first}` },
  );
}

const made = new WeakMap<Context, LinkLoaders>();

/** The request's LinkLoaders (kept beside the context, made on first use). */
export function linkLoaders(ctx: Context): LinkLoaders {
  let loaders = made.get(ctx);
  if (!loaders) {
    loaders = new LinkLoaders(ctx.sql);
    made.set(ctx, loaders);
  }
  return loaders;
}
