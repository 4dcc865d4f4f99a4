import type { Sql } from '../db/sql';
import { pageRequest } from '../graph/connection';
import type { ArticlesArgs } from './article.args';
import { compileArticleQuery, fetchArticlePage, type ArticlePage, type ArticleQuery } from './article.query';
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

/** The root `articles` list: compile, fetch one page, shape. */
export async function articleConnection(sql: Sql, args: ArticlesArgs): Promise<ArticleConnection> {
  const query = await compileArticleQuery(sql, args);
  const page = pageRequest(args, query.order);
  return toConnection(await fetchArticlePage(sql, query, page), query);
}
