import DataLoader from 'dataloader';
import { type PageArgs, pageRequest } from '../core/connection';
import { inList, placeholders, type Sql } from '../db/sql';
import { SOURCE_COLUMNS, Source } from '../source/source.entity';
import { groupRows } from '../subject/subject.loaders';
import { countArticles } from './article.count';
import type { Article } from './article.entity';
import { computeFacets, type FacetName, type FacetRow } from './article.facets';
import { type ArticleFilter, checkFilterLimits } from './article.filter';
import {
  ARTICLE_COLUMNS,
  type ArticleListArgs,
  type ArticlePage,
  type ArticleQuery,
  compileArticleQuery,
  FILTER_SCOPE,
  fetchArticlePage,
  fetchScopedPages,
  filterScope,
  hydrateArticle,
  type Scope,
} from './article.query';
import { type RelatedRow, relatedRows } from './article.related';
import type { SubjectKind } from './mention-kinds';

export interface LinkRow {
  articleId: number;
  subjectKind: SubjectKind;
  subjectId: number;
  relevance: number;
  provenance: string;
  evidence: string;
  /** An editor's link: `{ keyId, name, at }` as JSON; null for a rule's. */
  editor: string | null;
}

/** A subject's article list, as asked for on one parent object (Topic.articles and friends). */
export interface ScopedKey {
  kind: SubjectKind | typeof FILTER_SCOPE;
  id: number;
  /** For FILTER_SCOPE: the parent's stored filter (determined by `id`, so not part of the cache key). */
  filter?: ArticleFilter;
  /** The list's arguments; for facets also which facet (`first` is then the facet's size). */
  args: ArticleListArgs & PageArgs & { facet?: FacetName };
}

const scopedCacheKey = (key: ScopedKey) => `${key.kind}:${key.id}:${JSON.stringify(key.args)}`;

/** A stored filter (FILTER_SCOPE) ANDed with the list's own filter, when it has one. */
function storedAnd(key: ScopedKey): ArticleFilter {
  return key.args.filter ? { AND: [key.filter!, key.args.filter] } : key.filter!;
}

/**
 * Batches keys that share their arguments into one call of `load`, keyed by subject id: a list of
 * topics each showing `articles(first: 5)` costs one statement, not one per topic.
 */
function scopedLoader<T>(load: (keys: ScopedKey[]) => Promise<Map<number, T>>) {
  return new DataLoader<ScopedKey, T, string>(
    async (keys) => {
      const groups = new Map<string, ScopedKey[]>();
      for (const key of keys) {
        const group = `${key.kind}:${JSON.stringify(key.args)}`;
        (groups.get(group) ?? groups.set(group, []).get(group)!).push(key);
      }
      const results = new Map<string, T | Error>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          try {
            const byId = await load(group);
            for (const key of group) results.set(scopedCacheKey(key), byId.get(key.id)!);
          } catch (error) {
            for (const key of group) results.set(scopedCacheKey(key), error as Error);
          }
        }),
      );
      return keys.map((key) => results.get(scopedCacheKey(key))!);
    },
    { cacheKeyFn: scopedCacheKey },
  );
}

/**
 * The article loaders of one request. Each is made on first use (a request pays only for what it
 * touches) and then batches every load of its tick into one statement.
 */
export class ArticleLoaders {
  private readonly made = new Map<string, unknown>();

  constructor(private readonly sql: Sql) {}

  /** Filter scopes already compiled in this request: pages, totals and facets of one list share one. */
  private readonly filterScopes = new Map<string, Promise<Scope>>();

  /**
   * The scope of a batch of keys that share their kind and arguments. A list scoped to a stored
   * filter means `filter: { AND: [stored, given] }`, so the two count together towards the filter
   * limits, as they do when one such list is read alone (see alone).
   */
  private scopeOf(keys: ScopedKey[]): Scope | Promise<Scope> {
    const { kind } = keys[0];
    const ids = keys.map((key) => key.id);
    if (kind !== FILTER_SCOPE) return { kind, ids };
    // Every batch checks its own given filter with the stored one (no SQL); only the compiled scope,
    // which depends on the stored filters alone, is shared by the lists of the same channels.
    for (const key of keys) if (key.args.filter) checkFilterLimits(storedAnd(key));
    const memo = ids.join(',');
    let scope = this.filterScopes.get(memo);
    if (!scope) {
      scope = filterScope(
        this.sql,
        keys.map((key) => ({ id: key.id, filter: key.filter! })),
      );
      this.filterScopes.set(memo, scope);
    }
    return scope;
  }

  /**
   * One stored-filter list alone (a channel's page, a feed, the widget) is read as the root list of
   * `{ AND: [stored, given] }`: then the query layer's fastest shapes apply (a page walked in order
   * that stops after `first` rows, totals from the aggregates), where a scope first gathers every
   * match. Several at once go through the scope: one statement for all of them.
   */
  private alone(keys: ScopedKey[]): (ArticleListArgs & PageArgs) | null {
    if (keys.length !== 1 || keys[0].kind !== FILTER_SCOPE) return null;
    // The given filter first on its own, so that its errors name its own fields (filter.topics...).
    if (keys[0].args.filter) checkFilterLimits(keys[0].args.filter);
    return { ...keys[0].args, filter: storedAnd(keys[0]) };
  }

  private once<T>(name: string, make: () => T): T {
    let loader = this.made.get(name) as T | undefined;
    if (!loader) {
      loader = make();
      this.made.set(name, loader);
    }
    return loader;
  }

  get byId() {
    return this.once(
      'byId',
      () =>
        new DataLoader<number, Article | null>(async (ids) => {
          const keys = inList(ids);
          const rows = await this.sql.lookup<Record<string, unknown>>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id IN (${placeholders(keys.length)})`, keys, {
            samePlan: true,
          });
          const byId = new Map(rows.map((row) => [row.id as number, hydrateArticle(row)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  get sourceById() {
    return this.once(
      'sourceById',
      () =>
        new DataLoader<number, Source | null>(async (ids) => {
          const keys = inList(ids);
          const rows = await this.sql.lookup<Source>(`SELECT ${SOURCE_COLUMNS} FROM source WHERE id IN (${placeholders(keys.length)})`, keys, { samePlan: true });
          const byId = new Map(rows.map((row) => [row.id, Object.assign(new Source(), row)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /** Every link of an article with its evidence, most relevant first. */
  get links() {
    return this.once(
      'links',
      () =>
        new DataLoader<number, LinkRow[]>(async (articleIds) => {
          const keys = inList(articleIds);
          const rows = await this.sql.lookup<LinkRow>(
            'SELECT article_id AS articleId, subject_kind AS subjectKind, subject_id AS subjectId, relevance, provenance, evidence, editor ' +
              `FROM article_link WHERE article_id IN (${placeholders(keys.length)}) ORDER BY relevance DESC, subject_kind, subject_id`,
            keys,
            { samePlan: true },
          );
          return groupRows(articleIds, rows, (row) => row.articleId);
        }),
    );
  }

  /** Up to MAX_RELATED articles related to each article, best first, with what they share (article.related.ts). */
  get related() {
    return this.once(
      'related',
      () =>
        new DataLoader<number, RelatedRow[]>(async (articleIds) => {
          return groupRows(articleIds, await relatedRows(this.sql, articleIds), (row) => row.articleId);
        }),
    );
  }

  get scopedPages() {
    return this.once('scopedPages', () =>
      scopedLoader<{ page: ArticlePage; query: ArticleQuery }>(async (keys) => {
        const { args } = keys[0];
        const alone = this.alone(keys);
        if (alone) {
          const query = await compileArticleQuery(this.sql, alone);
          return new Map([[keys[0].id, { page: await fetchArticlePage(this.sql, query, pageRequest(args, query.order)), query }]]);
        }
        const query = await compileArticleQuery(this.sql, args);
        const pages = await fetchScopedPages(this.sql, query, await this.scopeOf(keys), pageRequest(args, query.order));
        return new Map([...pages].map(([id, page]) => [id, { page, query }]));
      }),
    );
  }

  get scopedCounts() {
    return this.once('scopedCounts', () =>
      scopedLoader<number>(async (keys) => {
        const { args } = keys[0];
        const alone = this.alone(keys);
        if (alone) return new Map([[keys[0].id, (await countArticles(this.sql, await compileArticleQuery(this.sql, alone))).get(0)!]]);
        return countArticles(this.sql, await compileArticleQuery(this.sql, args), await this.scopeOf(keys));
      }),
    );
  }

  /** Facets of many subjects' lists at once; `args` carries the facet and its size. */
  get scopedFacets() {
    return this.once('scopedFacets', () =>
      scopedLoader<FacetRow[]>(async (keys) => {
        const { args } = keys[0];
        const { facet, first, ...listArgs } = args;
        const alone = this.alone(keys);
        if (alone) {
          const { facet: _facet, first: _first, ...aloneArgs } = alone as typeof args;
          return new Map([[keys[0].id, (await computeFacets(this.sql, await compileArticleQuery(this.sql, aloneArgs), undefined, facet!, first!)).get(0)!]]);
        }
        return computeFacets(this.sql, await compileArticleQuery(this.sql, listArgs), await this.scopeOf(keys), facet!, first!);
      }),
    );
  }
}
