import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { QueryTimeout, type Sql } from '../db/sql';
import { articlePages, articlesCsv, articlesNdjson, compileArticleExport } from './articles.export';
import { type ExportArgs, type ExportKind, ExportParamError, parseExportParams } from './export.params';
import { type GraphFileMeta, linksCsv, linksGexf, linksGraphml } from './graph-formats';
import { fetchLinkGraph } from './links.export';

/** What the exports need from start-up (the server's AppState): the database, and whether it is ready. */
export interface ExportState {
  sql: Sql | null;
  ready: boolean;
}

/**
 * Charges an export to the client's cost budget, as a GraphQL request is charged (http/server.ts
 * knows who is asking and what the work costs): the store to read it with (its reads in the lane its
 * cost puts them in), or null when it is refused, having replied.
 */
export type ExportCharge = (request: FastifyRequest, reply: FastifyReply, kind: ExportKind, args: ExportArgs) => Promise<Sql | null>;

type Query = Record<string, string | string[] | undefined>;

/** Content types; GEXF and GraphML have no registered type, these are the ones their tools use. */
const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
} as const;

/**
 * GET /export/articles.csv|.ndjson and /export/links.csv|.gexf|.graphml, the `articles` and
 * `links` answers as files, with the filter in query parameters (see export.params.ts and
 * docs/analysts.md). Register with the prefix `/export`. Answers 503 until the app is ready, like /graphql.
 */
export const exportRoutes: FastifyPluginAsync<{ state: ExportState; charge: ExportCharge }> = async (app, { state, charge }) => {
  app.addHook('onRequest', async (_request, reply) => {
    if (state.ready && state.sql) return;
    const body = { errors: [{ message: 'Quipu is starting; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    return reply.code(503).header('retry-after', '1').send(body);
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    // Nothing of the file was sent: the answer is JSON, not the file's type.
    reply.removeHeader('content-disposition').type('application/json; charset=utf-8');
    if (error instanceof QueryTimeout) {
      return reply.code(504).send({ errors: [{ message: error.message, extensions: error.extensions }] });
    }
    if (error instanceof ExportParamError) {
      const { parameter, value, allowed } = error;
      return reply.code(400).send({ errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT', parameter, value, allowed } }] });
    }
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      return reply.code(400).send({ errors: [{ message: error.message, extensions: error.extensions }] });
    }
    request.log.error({ err: error }, 'export failed');
    return reply.code(500).send({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  const args = (request: FastifyRequest, kind: ExportKind) => parseExportParams(request.query as Query, kind);
  const file = (reply: FastifyReply, name: string, type: keyof typeof CONTENT_TYPES) =>
    reply.type(CONTENT_TYPES[type]).header('content-disposition', `attachment; filename="${name}"`);

  app.get('/articles.csv', async (request, reply) => {
    const exportArgs = args(request, 'articles');
    const query = await compileArticleExport(state.sql!, exportArgs);
    const sql = await charge(request, reply, 'articles', exportArgs);
    if (!sql) return reply;
    const onError = (error: Error) => request.log.error({ err: error }, 'articles export failed while streaming');
    return file(reply, 'quipu-articles.csv', 'csv').send(articlesCsv(articlePages(sql, query, exportArgs.first), onError));
  });

  app.get('/articles.ndjson', async (request, reply) => {
    const exportArgs = args(request, 'articles');
    const query = await compileArticleExport(state.sql!, exportArgs);
    const sql = await charge(request, reply, 'articles', exportArgs);
    if (!sql) return reply;
    return file(reply, 'quipu-articles.ndjson', 'ndjson').send(articlesNdjson(articlePages(sql, query, exportArgs.first)));
  });

  const linkGraph = async (request: FastifyRequest, reply: FastifyReply) => {
    const linkArgs = args(request, 'links');
    const sql = await charge(request, reply, 'links', linkArgs);
    return sql ? fetchLinkGraph(sql, linkArgs) : null;
  };

  app.get('/links.csv', async (request, reply) => {
    const graph = await linkGraph(request, reply);
    if (!graph) return reply;
    return file(reply, 'quipu-links.csv', 'csv').send(await linksCsv(graph));
  });

  app.get('/links.gexf', async (request, reply) => {
    const graph = await linkGraph(request, reply);
    if (!graph) return reply;
    return file(reply, 'quipu-links.gexf', 'gexf').send(linksGexf(graph, graphMeta(request, graph.articleCount)));
  });

  app.get('/links.graphml', async (request, reply) => {
    const graph = await linkGraph(request, reply);
    if (!graph) return reply;
    return file(reply, 'quipu-links.graphml', 'graphml').send(linksGraphml(graph, graphMeta(request, graph.articleCount)));
  });
};

/** The file says what it holds: the co-occurrence network of which articles, asked for how. */
function graphMeta(request: FastifyRequest, articleCount: number): GraphFileMeta {
  const given = Object.entries(request.query as Query).flatMap(([name, value]) => [value ?? []].flat().map((item) => `${name}=${item}`));
  return {
    description: `Quipu co-occurrence network of ${articleCount} articles. Export parameters: ${given.length > 0 ? given.join('&') : 'none'}`,
    date: new Date().toISOString().slice(0, 10),
  };
}
