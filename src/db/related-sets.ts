/**
 * Related articles from the article index's lists (article-index.ts), the same answer as the SQL of
 * article/article.related.ts, which says what related means and why candidates are bounded. Here each
 * step is read from memory: an entity's articles are its sorted id list, a candidate shares an entity
 * when its id is in that list (a binary search), and its date is the index's. On PostgreSQL the SQL
 * probes the links of some 500 candidates, 5 to 7 ms at 1M articles; this is well under one.
 */
import type { RelatedBound, RelatedRow } from './article-sets';

/** What the scoring reads from the index. */
export interface RelatedLists {
  /** The ids of the articles linked directly to a subject, ascending (absent: none). */
  postings(kind: string, id: number): Uint32Array | undefined;
  /** An article's date as YYYYMMDD, lower for an undated one: ordered as SQL orders `coalesce(published_at, '')`. */
  date(id: number): number;
  /** All articles stored: the N of the weights. */
  total: number;
}

interface Entity {
  kind: string;
  id: number;
  articles: Uint32Array;
  weight: number;
}

/**
 * The `first` best related articles of article `source`, whose direct links are `links`: candidates
 * bounded as article.related.ts bounds them, each scored over every entity it shares, ordered by
 * score, then date, then id, all descending.
 */
export function relatedFromLists(source: number, links: readonly { kind: string; id: number }[], lists: RelatedLists, bound: RelatedBound, first: number): RelatedRow[] {
  const entities: Entity[] = [];
  for (const { kind, id } of links) {
    const articles = lists.postings(kind, id);
    if (articles && articles.length > 0) entities.push({ kind, id, articles, weight: Math.log(lists.total / articles.length) });
  }
  // Rarest first (then kind and id, as the SQL's window orders them): whole lists while their sizes add up within the budget.
  entities.sort((a, b) => a.articles.length - b.articles.length || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id - b.id));
  const candidates = new Set<number>();
  let running = 0;
  for (const { articles } of entities) {
    running += articles.length;
    const take = running <= bound.wholeBudget ? articles.length : bound.perCommonEntity;
    // The newest ids first; the article itself is never its own candidate.
    for (let i = articles.length - 1, taken = 0; i >= 0 && taken < take; i--) {
      if (articles[i] === source) continue;
      candidates.add(articles[i]);
      taken++;
    }
  }
  const scored: { id: number; score: number; date: number; shared: Entity[] }[] = [];
  for (const id of candidates) {
    let sum = 0;
    const shared: Entity[] = [];
    for (const entity of entities) {
      if (!contains(entity.articles, id)) continue;
      sum += entity.weight;
      shared.push(entity);
    }
    scored.push({ id, score: Math.round(sum * 1e9) / 1e9, date: lists.date(id), shared });
  }
  scored.sort((a, b) => b.score - a.score || b.date - a.date || b.id - a.id);
  return scored.slice(0, first).map(({ id, score, shared }) => ({
    articleId: source,
    relatedId: id,
    score,
    shared: shared.map((entity) => `${entity.kind}:${entity.id}:${entity.articles.length}`).join(','),
    total: lists.total,
  }));
}

function contains(sorted: Uint32Array, id: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = sorted[middle];
    if (value === id) return true;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
