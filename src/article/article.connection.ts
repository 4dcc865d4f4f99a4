import { pageRequest } from '../core/connection';
import type { Sql } from '../db/sql';
import type { ArticlesArgs } from './article.args';
import { countArticles } from './article.count';
import { type ArticlePage, type ArticleQuery, compileArticleQuery, fetchArticlePage } from './article.query';
import { ArticleConnection } from './article.types';

/** Shapes a fetched page as a Relay connection. */
export function toConnection(page: ArticlePage, query: ArticleQuery, scope?: ArticleConnection['scope']): ArticleConnection {
  const connection = new ArticleConnection();
  connection.edges = page.items.map((node, i) => ({ node, cursor: page.cursors[i] }));
  connection.nodes = page.items;
  connection.pageInfo = page.pageInfo;
  connection.query = query;
  connection.scope = scope;
  return connection;
}

/**
 * The root `articles` list: compile, fetch one page, shape. With `withTotal` (the request asks for
 * totalCount) the total is counted at the same time as the page is read, on another reader, rather
 * than after it: the same statements, one wait instead of two. The filter's slugs, when they were
 * resolved before, are resolved again beside the page and the total rather than before them (`early`,
 * db/hints.ts); should their ids have changed since, the list is compiled and read again.
 */
export async function articleConnection(sql: Sql, args: ArticlesArgs, withTotal = false, early = true): Promise<ArticleConnection> {
  const query = await compileArticleQuery(sql, args, { early });
  // Checked before anything starts: a bad cursor or page size throws here, with no read left running unheard.
  const request = pageRequest(args, query.order);
  const total = withTotal ? countArticles(sql, query).then((counts) => counts.get(0)!) : undefined;
  const page = fetchArticlePage(sql, query, request);
  // Should one fail first, or the check send the list round again, the others' outcomes are not wanted (and not left unhandled).
  total?.catch(() => undefined);
  page.catch(() => undefined);
  if (!(await query.checked)) return articleConnection(sql, args, withTotal, false);
  const connection = toConnection(await page, query);
  connection.total = total;
  return connection;
}
