import { fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Sql } from '../db/sql';
import { embedPlugin } from '../embed/embed.plugin';
import { exportRoutes } from '../export/export.routes';
import { explorePlugin } from '../explore/explore.plugin';
import { feedRoutes } from '../feed/feed.routes';
import { type Context, createContext } from '../graph/context';
import { createApollo } from './apollo';
import { publicOrigin } from './origin';
import { KnownOperations } from './known-operations';
import { createMetricsRegistry, graphqlRequests } from './metrics';

declare module 'fastify' {
  interface FastifyRequest {
    /** The GraphQL context of this request, made on first use. */
    graphqlContext: Context | null;
  }
}

/**
 * Any web page may read the API from the browser: no cookies are involved (a partner key travels in
 * `Authorization`, and is checked against its own allowed origins), so `*` is safe and keeps
 * responses shareable by caches. Preflights are answered for a day.
 */
const graphqlCors = {
  origin: '*',
  methods: ['GET', 'POST'],
  allowedHeaders: ['content-type', 'accept', 'authorization', 'x-apollo-operation-name', 'apollo-require-preflight', 'if-none-match'],
  exposedHeaders: ['etag', 'ratelimit', 'ratelimit-policy', 'retry-after'],
  maxAge: 86400,
};

/** What the server needs from start-up: the database once it is open, and whether seeding is done. */
export interface AppState {
  sql: Sql | null;
  ready: boolean;
}

/**
 * The HTTP server: GraphQL at /graphql (GET and POST), readiness at /readyz, liveness at /healthz,
 * Prometheus metrics at /metrics. GraphQL answers 503 until the database is open and seeded.
 */
export async function createApp(state: AppState, options: { logger?: boolean | object; publicUrl?: string | null } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const operations = new KnownOperations();
  const apollo = createApollo(app, operations);
  await apollo.start();
  const metrics = createMetricsRegistry();

  await app.register(explorePlugin);

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    if (!state.ready) return reply.code(503).send({ status: 'starting' });
    return { status: 'ready' };
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.contentType);
    return metrics.metrics();
  });

  // Known queries go straight to their compiled form; everything else, and every error, through Apollo.
  // One context per request, shared by both paths: Apollo finds there what the direct path ran. It
  // lives on the request itself (a WeakMap keyed by request costs every garbage collection).
  app.decorateRequest('graphqlContext', null);
  const contextOf = (request: FastifyRequest) => (request.graphqlContext ??= createContext(state.sql!, publicOrigin(request, options.publicUrl)));
  const viaApollo = fastifyApolloHandler(apollo, { context: async (request) => contextOf(request) });
  const knownRequests = graphqlRequests.labels('known');
  const apolloRequests = graphqlRequests.labels('apollo');
  await app.register(async (scope) => {
    await scope.register(cors, graphqlCors);
    // The integration's handler replies with a serialised body (Reply: string).
    scope.route<{ Reply: string }>({
      url: '/graphql',
      method: ['GET', 'POST'],
      preHandler: async (_request, reply) => {
        if (state.ready && state.sql) return;
        const body = { errors: [{ message: 'Quipu is starting; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
        await reply.code(503).header('retry-after', '1').type('application/json').send(JSON.stringify(body));
      },
      handler: async function (request, reply) {
        const known = request.method === 'POST' ? await operations.execute(request.body, request.headers.accept, contextOf(request)) : undefined;
        if (!known) {
          apolloRequests.inc();
          return viaApollo.call(this, request, reply);
        }
        knownRequests.inc();
        return reply.code(200).header('content-type', known.contentType).send(known.body);
      },
    });
  });

  await app.register(exportRoutes, { prefix: '/export', state });
  await app.register(feedRoutes, { state, originOf: (request) => publicOrigin(request, options.publicUrl) });
  await app.register(embedPlugin, { state, origin: (request) => publicOrigin(request, options.publicUrl) });

  return app;
}

