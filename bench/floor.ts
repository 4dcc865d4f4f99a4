import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import * as q from './floor-sql';

/**
 * The physical floor: what serving the benchmark operations costs with nothing but the same
 * prepared SQL and JSON.stringify. It routes on the exact query text of the operations it was
 * given and answers byte-for-byte what Quipu answers (Apollo's serialiser ends the body with "\n").
 * Quipu's overhead over it is the price of the GraphQL stack.
 */

export interface FloorRoutes {
  /** The `hotList` operation's query text, and its topic and page size. */
  hot: { query: string; topic: string; first: number };
  /** The `singleArticle` operation's query text and its slug. */
  article: { query: string; slug: string };
}

export interface FloorResponse {
  status: number;
  body: string;
}

interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  publishedAt: string | null;
  sourceId: number;
}

type Named = { slug: string; name: string };

export interface Floor {
  /** A raw request body in, a response out: the floor's whole work for one request. */
  handle(rawBody: string): FloorResponse;
}

export function createFloor(db: Database.Database, routes: FloorRoutes): Floor {
  // Prepared once per text, as Quipu's Sql caches them (IN lists of each length are distinct texts).
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };

  /** The selected relations of each article, in the selection's field order. */
  function withRelations(rows: ArticleRow[]) {
    const ids = rows.map((row) => row.id);
    const byKind = new Map<string, Map<number, Named[]>>();
    for (const kind of q.SUBJECT_KINDS) {
      const groups = new Map<number, Named[]>(ids.map((id) => [id, []]));
      const subjects = ids.length === 0 ? [] : (prepared(q.subjectsOfArticles(kind, ids.length)).all(kind.kind, ...ids) as (Named & { articleId: number })[]);
      for (const s of subjects) groups.get(s.articleId)!.push({ slug: s.slug, name: s.name });
      byKind.set(kind.kind, groups);
    }
    const sourceIds = [...new Set(rows.map((row) => row.sourceId))];
    const sources = new Map<number, string>();
    if (sourceIds.length > 0) {
      for (const s of prepared(q.sourcesById(sourceIds.length)).all(...sourceIds) as { id: number; name: string }[]) sources.set(s.id, s.name);
    }
    return rows.map((row) => ({
      slug: row.slug,
      title: row.title,
      publishedAt: row.publishedAt,
      topics: byKind.get('TOPIC')!.get(row.id),
      places: byKind.get('PLACE')!.get(row.id),
      organisations: byKind.get('ORGANISATION')!.get(row.id),
      people: byKind.get('PERSON')!.get(row.id),
      source: { name: sources.get(row.sourceId) },
    }));
  }

  function hotList(): string {
    const { topic, first } = routes.hot;
    const resolved = prepared(q.RESOLVE_TOPIC_SLUG).all(topic, topic) as { id: number; links: number; articles: number }[];
    if (resolved.length === 0) throw new Error(`unknown topic ${topic}`);
    const { id, links, articles } = resolved[0];
    const selective = q.selective(links, first, articles);
    // The page's ids with one more (to know whether a next page exists), then their rows by id, as Quipu reads them.
    const keys = prepared(selective ? q.TOPIC_PAGE_SET : q.TOPIC_PAGE_WALK).all('TOPIC', id, first + 1) as { id: number }[];
    const ids = keys.map((key) => key.id);
    const found = new Map((ids.length > 0 ? (prepared(q.articlesById(ids.length)).all(...ids) as ArticleRow[]) : []).map((row) => [row.id, row]));
    const rows = ids.slice(0, first).map((articleId) => found.get(articleId)!);
    const { n } = prepared(q.topicCount(selective)).get('TOPIC', id, 'TOPIC', id) as { n: number };
    return `${JSON.stringify({ data: { articles: { totalCount: n, nodes: withRelations(rows) } } })}\n`;
  }

  function article(): string {
    const row = prepared(q.ARTICLE_BY_SLUG).get(routes.article.slug) as ArticleRow | undefined;
    return `${JSON.stringify({ data: { article: row ? withRelations([row])[0] : null } })}\n`;
  }

  const byQuery = new Map<string, () => string>([
    [routes.hot.query, hotList],
    [routes.article.query, article],
  ]);

  return {
    handle(rawBody) {
      let query: unknown;
      try {
        query = (JSON.parse(rawBody) as { query?: unknown }).query;
      } catch {
        return { status: 400, body: '{"errors":[{"message":"body is not JSON"}]}\n' };
      }
      const route = typeof query === 'string' ? byQuery.get(query) : undefined;
      if (!route) return { status: 400, body: '{"errors":[{"message":"the floor only serves its benchmark operations"}]}\n' };
      return { status: 200, body: route() };
    },
  };
}

/** The floor on node:http: read the body, handle, write; nothing else. */
export function startFloorServer(floor: Floor): Promise<number> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { status, body } = floor.handle(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
