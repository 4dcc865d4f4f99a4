/**
 * Article filters as set algebra, for an engine that keeps an index of article sets (SQLite's
 * readers do: db/sqlite/article-index.ts). A plan says which articles, in terms the index holds:
 * the articles linked to subjects, a range of publication dates, a kind, and AND, OR and NOT of
 * those. It means exactly what the filter's SQL means (article/article.filter.ts builds both from
 * one filter), so a count from the index equals the count from SQL.
 */

/** Which articles, as sets. */
export type SetPlan =
  /** Every article. */
  | { all: true }
  /** Linked to any of these subjects; for tree kinds (topics, places), to anything below them too. */
  | { subjects: { kind: string; ids: number[] } }
  /** Dated articles published within the bounds (inclusive; compared as the stored text compares). */
  | { published: { from?: string; to?: string } }
  | { kind: string }
  | { and: SetPlan[] }
  | { or: SetPlan[] }
  | { not: SetPlan };

/** The name of a facet: a subject kind (TOPIC, PLACE ...) or MONTH. */
export type SetFacetName = string;

/**
 * What to answer: a plan's count and facets, or the articles related to some articles (article/article.related.ts
 * says what related means; the index computes exactly what its SQL computes), or both.
 */
export interface SetRequest {
  plan?: SetPlan;
  /** Count the plan's articles. */
  count?: boolean;
  /** For each facet, its `first` most frequent values (subjects: most articles first, ties by id; months: newest first). */
  facets?: { name: SetFacetName; first: number }[];
  /** For each of these articles, its `first` best related articles, from candidates within `bound`. */
  related?: { articleIds: number[]; bound: RelatedBound; first: number };
}

/** Which candidates a related-articles answer reads (article/article.related.ts). */
export interface RelatedBound {
  /** Rarest entities first, an entity's whole article list is read while the lists add up to at most this. */
  wholeBudget: number;
  /** From each of the article's other (commoner) entities, the articles most recently added, this many. */
  perCommonEntity: number;
}

/** One related article of one article. */
export interface RelatedRow {
  articleId: number;
  relatedId: number;
  /** Sum of the shared entities' weights, rounded to 9 decimals so that equal sums tie exactly. */
  score: number;
  /** The shared entities as `KIND:id:articles,...` (articles: its direct-link count). */
  shared: string;
  /** All articles stored: the N of the weights. */
  total: number;
}

/** A facet value: a subject by id, or a month (YYYY-MM), with its article count. */
export type SetFacetValue = { id: number; count: number } | { month: string; count: number };

export interface SetAnswer {
  count?: number;
  facets: Record<SetFacetName, SetFacetValue[]>;
  /** Every asked article's related rows, best first within each article, in the order the articles were asked. */
  related?: RelatedRow[];
}

/**
 * The part of a store that answers set requests. `null` means "not from here": the engine keeps no
 * such index, or its index is not built yet; the caller then asks SQL, which gives the same answer.
 */
export interface ArticleSets {
  articleSets(request: SetRequest): Promise<SetAnswer | null>;
  /**
   * Whether a set answer costs less than a lookup: on PostgreSQL the index is a thread of this process and a lookup is
   * a trip to the server; on SQLite a lookup runs on the event loop and the index in another process.
   */
  readonly setsBeforeLookups: boolean;
}
