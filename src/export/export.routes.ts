import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Sql } from '../db/sql';
import { articlePages, articlesCsv, articlesNdjson, compileArticleExport } from './articles.export';
import { ExportParamError, type ExportKind, parseExportParams } from './export.params';

/** What the exports need from start-up (the server's AppState): the database, and whether it is ready. */
export interface ExportState {
  sql: Sql | null;
  ready: boolean;
}

type Query = Record<string, string | string[] | undefined>;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
} as const;

/**
 * GET /export/articles.csv|.ndjson, the `articles` answer as files, with the filter in query
 * parameters (see export.params.ts and the README). Register with the prefix `/export`. Answers 503 until the app is ready, like /graphql.
 */
export const exportRoutes: FastifyPluginAsync<{ state: ExportState }> = async (app, { state }) => {
  app.addHook('onRequest', async (_request, reply) => {
    if (state.ready && state.sql) return;
    const body = { errors: [{ message: 'Quipu is starting; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    return reply.code(503).header('retry-after', '1').send(body);
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
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
    const query = compileArticleExport(state.sql!, exportArgs);
    const onError = (error: Error) => request.log.error({ err: error }, 'articles export failed while streaming');
    return file(reply, 'quipu-articles.csv', 'csv').send(articlesCsv(articlePages(state.sql!, query, exportArgs.first), onError));
  });

  app.get('/articles.ndjson', async (request, reply) => {
    const exportArgs = args(request, 'articles');
    const query = compileArticleExport(state.sql!, exportArgs);
    return file(reply, 'quipu-articles.ndjson', 'ndjson').send(articlesNdjson(articlePages(state.sql!, query, exportArgs.first)));
  });
};
