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

export interface SetRequest {
  plan: SetPlan;
  /** Count the plan's articles. */
  count?: boolean;
  /** For each facet, its `first` most frequent values (subjects: most articles first, ties by id; months: newest first). */
  facets?: { name: SetFacetName; first: number }[];
}

/** A facet value: a subject by id, or a month (YYYY-MM), with its article count. */
export type SetFacetValue = { id: number; count: number } | { month: string; count: number };

export interface SetAnswer {
  count?: number;
  facets: Record<SetFacetName, SetFacetValue[]>;
}

/**
 * The part of a store that answers set requests. `null` means "not from here": the engine keeps no
 * such index, or its index is not built yet; the caller then asks SQL, which gives the same answer.
 */
export interface ArticleSets {
  articleSets(request: SetRequest): Promise<SetAnswer | null>;
}
