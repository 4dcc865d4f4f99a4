import type { IncomingMessage, ServerResponse } from 'node:http';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RawServerDefault, type RouteHandlerMethod } from 'fastify';
import { Kind, parse } from 'graphql';
import { matchesEtag } from '../core/etag';
import { DEFAULT_QUERY_TIMEOUT_MS, type Sql } from '../db/sql';
import { deskPlugin } from '../desk/desk.plugin';
import { embedPlugin } from '../embed/embed.plugin';
import { explorePlugin } from '../explore/explore.plugin';
import { type ExportCharge, exportRoutes } from '../export/export.routes';
import { feedRoutes } from '../feed/feed.routes';
import { createContext } from '../graph/context';
import { graphiqlPlugin, sendGraphiQL, wantsGraphiQL } from '../graphiql/graphiql.plugin';
import type { Catalogue } from '../ingest/catalogue';
import { PartnerKeys } from '../partner/keys';
import { DOCUMENT_LIMITS } from './apollo';
import { cacheControl } from './cache-policy';
import { createGraphqlEngine, type EngineOptions } from './engine';
import { exportCost } from './export-cost';
import { checkVariablesDepth } from './input-limits';
import { answerBody } from './known-operations';
import { createMetricsRegistry, graphqlRequests } from './metrics';
import { publicOrigin } from './origin';
import { type HttpContext, Refusal, rateLimitHeaders } from './request-policy';
import { MemoryAnswers, ResponseCache } from './response-cache';
import { HEAVY_COST } from './work-cost';
import { WorkStats } from './work-stats';

declare module 'fastify' {
  interface FastifyRequest {
    /** The GraphQL context of this request, made on first use. */
    graphqlContext: HttpContext | null;
  }
  interface FastifyInstance {
    /** The statistics request costs are estimated from; start-up refreshes them before it is ready. */
    workStats: WorkStats;
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

export interface AppOptions extends EngineOptions {
  logger?: boolean | object;
  /** Which proxies to believe about the client's address: a hop count or their addresses (Fastify's trustProxy); default none. Needs publicUrl. */
  trustProxy?: false | number | string;
  /** PUBLIC_URL: the origin of absolute links (Article.url, feeds); unset, the request's own origin when its Host is allowed (allowedHosts). */
  publicUrl?: string | null;
  /** ALLOWED_HOSTS: without publicUrl, the Host headers links may be made on (`host` or `host:port`); unset, localhost and the listening address on its port. */
  allowedHosts?: string[] | null;
  /** QUERY_TIMEOUT_MS: a GraphQL request's reads must end this long after it arrived (default 5000). */
  queryTimeoutMs?: number;
  /** The catalogue the editors' writes extract with (the seeds' files; main.ts reads it on first use). */
  catalogue?: () => Catalogue;
  /** RESPONSE_CACHE: keep repeated reads' answers until a write changes what they read (default true). */
  cacheResponses?: boolean;
  /** How many answers the response cache keeps (default 2,000; 0 keeps none, so every request misses: the benchmark's fresh requests). */
  responseCacheSize?: number;
}

/** What the server needs from start-up: the database once it is open, and whether seeding is done. */
export interface AppState {
  sql: Sql | null;
  ready: boolean;
}

/**
 * The HTTP server: GraphQL at /graphql (GET and POST; GraphiQL for a browser's GET), readiness at
 * /readyz, liveness at /healthz, Prometheus metrics at /metrics. GraphQL answers 503 until the database is open and seeded.
 */
export async function createApp(state: AppState, options: AppOptions = {}): Promise<FastifyInstance> {
  const hops = options.trustProxy;
  // Links are made on the request's host when there is no PUBLIC_URL; a forwarded host is the client's to set.
  if (hops && !options.publicUrl) throw new Error('trustProxy needs publicUrl: links must not be made on a forwarded host');
  // A hop count, as proxy-addr reads one: the first `hops` proxies from this server are believed.
  const trustProxy = typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : (hops ?? false);
  const app = Fastify({ logger: options.logger ?? false, trustProxy });
  let keys: PartnerKeys | undefined;
  const workStats = new WorkStats(() => state.sql);
  app.decorate('workStats', workStats);
  const partnerKeys = () => {
    if (!state.sql) return null;
    keys ??= new PartnerKeys(state.sql);
    return keys;
  };
  // Its look at the database (PRAGMA data_version, the logs) is the server's own upkeep, counted apart from requests' statements.
  const responseCache =
    options.cacheResponses === false
      ? undefined
      : new ResponseCache(() => state.sql?.background() ?? null, options.shared?.answers ?? new MemoryAnswers(options.responseCacheSize));
  const { apollo, operations, policy, admitKnown } = createGraphqlEngine(app, partnerKeys, { ...options, workStats, responseCache });
  await apollo.start();
  const metrics = createMetricsRegistry();

  await app.register(explorePlugin, { state, originOf: (request) => publicOrigin(request, options) });
  await app.register(graphiqlPlugin);
  await app.register(deskPlugin);

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
  // Every read of a request shares one deadline, counted from its arrival: its statements together get QUERY_TIMEOUT_MS.
  const timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  // A request charged HEAVY_COST or more reads in the heavy lane (set where it is charged): it never takes the last free reader.
  const contextOf = (request: FastifyRequest): HttpContext => {
    if (request.graphqlContext) return request.graphqlContext;
    const lane = { heavy: false };
    const context: HttpContext = createContext(
      state.sql!.until(Date.now() + timeoutMs, () => lane.heavy),
      publicOrigin(request, options),
      options.catalogue,
    );
    context.lane = lane;
    request.graphqlContext = context;
    return context;
  };
  const viaApollo = fastifyApolloHandler(apollo, { context: async (request) => contextOf(request) });
  const knownRequests = graphqlRequests.labels('known');
  const apolloRequests = graphqlRequests.labels('apollo');
  /** Every GraphQL answer: 503 until ready, then who is asking, the direct path for a known POSTed query, else Apollo. */
  const answer: RouteHandlerMethod<RawServerDefault, IncomingMessage, ServerResponse, { Reply: string }> = async function (request, reply) {
    if (!state.ready || !state.sql) return unavailable(reply);
    const client = await policy.identify(request.headers.authorization, request.headers.origin, request.ip);
    if (client instanceof Refusal) return refuse(reply, client);
    const params = (request.method === 'GET' ? request.query : request.body) as { variables?: unknown } | null;
    const deep = checkVariablesDepth(params?.variables);
    if (deep) return refuse(reply, deep);
    // A repeated read is answered from the response cache: the cost charged, the answer's data as kept.
    // Absolute links in an answer (Article.url, Channel.feeds) are made on the request's public origin: it is part of the key.
    const cacheKey = responseCache ? responseCacheKey(request, publicOrigin(request, options)) : undefined;
    if (responseCache && cacheKey !== undefined) {
      await responseCache.fresh();
      const cached = await responseCache.get(cacheKey);
      const contentType = cached && operations.mediaType(request.headers.accept);
      if (cached && contentType) {
        const outcome = await policy.admit(client, cached.cost, cached.trusted);
        if (outcome instanceof Refusal) return refuse(reply, outcome);
        reply.code(200).header('content-type', contentType);
        if (outcome.charge && client.policy) reply.headers(rateLimitHeaders(client.policy, outcome.charge));
        if (request.method === 'GET') {
          reply
            .header('cache-control', cacheControl(cached.maxAge, client.key ? 'private' : 'public'))
            .header('etag', cached.etag)
            .header('vary', 'accept, authorization');
        }
        return reply.send(answerBody(cached.data, outcome));
      }
    }
    const context = contextOf(request);
    context.client = client;
    if (responseCache && cacheKey !== undefined && request.method === 'GET') context.cacheSlot = { key: cacheKey, epoch: responseCache.epoch };
    const epoch = responseCache?.epoch ?? 0;
    const key = client.key;
    context.editor = key && key.role !== 'partner' ? { keyId: Number(key.id), name: key.name, role: key.role } : null;
    context.readOnlyKey = key?.role === 'partner';
    if (request.method === 'POST') {
      const known = await operations.execute(request.body, request.headers.accept, context, admitKnown(client, context));
      if (known) {
        knownRequests.inc();
        if (responseCache && cacheKey !== undefined && known.facts.tags) {
          responseCache.set(cacheKey, epoch, { data: known.data, etag: '', cost: known.admission.cost, maxAge: known.facts.maxAge, trusted: false, tags: known.facts.tags });
        }
        reply.code(200).header('content-type', known.contentType);
        if (known.admission.charge && client.policy) reply.headers(rateLimitHeaders(client.policy, known.admission.charge));
        return reply.send(known.body);
      }
    }
    const early = checkDocument(request.method, request.method === 'GET' ? request.query : request.body);
    if (early) return refuse(reply, early);
    apolloRequests.inc();
    return viaApollo.call(this, request, reply);
  };
  await app.register(async (scope) => {
    await scope.register(cors, graphqlCors);
    // The integration's handler replies with a serialised body (Reply: string).
    scope.route<{ Reply: string }>({
      url: '/graphql',
      method: 'GET',
      // A browser opening /graphql gets GraphiQL (even while starting); every other request stays GraphQL.
      preHandler: async (request, reply) => {
        if (wantsGraphiQL(request)) return sendGraphiQL(reply);
      },
      // A GET answer that says what the client already has (If-None-Match) goes back as 304, bodiless.
      onSend: (request, reply, payload, done) => {
        if (reply.statusCode === 200) {
          const etag = reply.getHeader('etag');
          if (typeof etag === 'string' && matchesEtag(request.headers['if-none-match'], etag)) {
            reply.code(304);
            return done(null, '');
          }
        }
        done(null, payload);
      },
      handler: answer,
    });
  });
  // POST has no GraphiQL and no 304, and stays outside the scope above: @fastify/cors's hook builds the
  // route's options twice per request to read its config. The same headers come from one synchronous
  // hook (before the body is parsed, so a browser can read a 400 too), and only for a browser: it sends
  // Origin with every POST, and a POST answer is never cached for another client. Preflights are the scope's.
  const corsHeaders = { 'access-control-allow-origin': '*', 'access-control-expose-headers': graphqlCors.exposedHeaders.join(', ') };
  app.route<{ Reply: string }>({
    url: '/graphql',
    method: 'POST',
    onRequest: (request, reply, done) => {
      if (request.headers.origin !== undefined) reply.headers(corsHeaders);
      done();
    },
    handler: answer,
  });

  // Exports spend the same budgets as /graphql: who is asking, then what the export costs (export-cost.ts).
  const chargeExport: ExportCharge = async (request, reply, kind, args) => {
    const client = await policy.identify(request.headers.authorization, request.headers.origin, request.ip);
    const outcome = client instanceof Refusal ? client : await policy.admit(client, exportCost(kind, args, workStats), false);
    if (outcome instanceof Refusal) {
      await refuse(reply, outcome);
      return null;
    }
    if (outcome.charge && !(client instanceof Refusal) && client.policy) reply.headers(rateLimitHeaders(client.policy, outcome.charge));
    reply.header('quipu-cost', String(outcome.cost));
    // Each statement keeps its own limit (an export may run long, page by page); a costly one reads in the heavy lane.
    const heavy = outcome.cost >= HEAVY_COST;
    return state.sql!.until(Number.MAX_SAFE_INTEGER, () => heavy);
  };
  await app.register(exportRoutes, { prefix: '/export', state, charge: chargeExport });
  await app.register(feedRoutes, { state, originOf: (request) => publicOrigin(request, options) });
  await app.register(embedPlugin, { state, origin: (request) => publicOrigin(request, options) });

  return app;
}

/**
 * The response cache's key of a request that may be answered from it: a GET by its whole URL, a
 * POSTed plain query (no extensions) by its text, name and variables; each with the public origin its
 * links are made on and its Accept header, which picks the response type. Undefined for anything else (mutations never reach the cache: their
 * answers are never kept).
 */
function responseCacheKey(request: FastifyRequest, origin: string): string | undefined {
  const accept = `${origin}\u0000${request.headers.accept ?? ''}`;
  // Apollo's CSRF rule: a GET must carry a header no simple cross-site request can; without one it goes to Apollo, which refuses it.
  if (request.method === 'GET') return preflighted(request) ? `G${accept}\u0000${request.url}` : undefined;
  const body = request.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | null;
  if (!body || typeof body !== 'object' || typeof body.query !== 'string' || body.extensions != null) return undefined;
  return `P${accept}\u0000${JSON.stringify([body.operationName ?? null, body.query, body.variables ?? null])}`;
}

const SIMPLE_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/** Whether a request carries what a browser sends only after a CORS preflight (Apollo's csrfPrevention). */
function preflighted(request: FastifyRequest): boolean {
  const { headers } = request;
  if (headers['x-apollo-operation-name'] || headers['apollo-require-preflight']) return true;
  const type = headers['content-type'];
  return type !== undefined && !SIMPLE_TYPES.has(type.split(';')[0].trim().toLowerCase());
}

function unavailable(reply: FastifyReply) {
  const body = { errors: [{ message: 'Quipu is starting; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
  return reply.code(503).header('retry-after', '1').type('application/json').send(JSON.stringify(body));
}

function refuse(reply: FastifyReply, refusal: Refusal) {
  refusal.count();
  return reply.code(refusal.status).headers(refusal.headers).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(refusal.body());
}

/** Query texts seen over GET, and whether they hold an operation other than a query. */
const writesByText = new Map<string, boolean>();

/**
 * What is refused before Apollo parses anything: a query text over the size limit, and a mutation
 * or subscription sent by GET (a GET must be safe to repeat and to cache; 405, as GraphQL over HTTP
 * says).
 */
function checkDocument(method: string, params: unknown): Refusal | undefined {
  const query = params !== null && typeof params === 'object' ? (params as { query?: unknown }).query : undefined;
  if (typeof query !== 'string') return undefined;
  if (query.length > DOCUMENT_LIMITS.maxCharacters) {
    return new Refusal(400, 'DOCUMENT_TOO_LARGE', `The query text has ${query.length} characters; at most ${DOCUMENT_LIMITS.maxCharacters} are accepted`);
  }
  if (method !== 'GET' || !/mutation|subscription/.test(query)) return undefined;
  let writes = writesByText.get(query);
  if (writes === undefined) {
    try {
      writes = parse(query, { maxTokens: DOCUMENT_LIMITS.maxTokens }).definitions.some(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation !== 'query',
      );
    } catch {
      return undefined; // Apollo reports the syntax error
    }
    if (writesByText.size >= 1000) writesByText.clear();
    writesByText.set(query, writes);
  }
  return writes ? new Refusal(405, 'METHOD_NOT_ALLOWED', 'GET requests run only query operations; send mutations and subscriptions by POST', { allow: 'POST' }) : undefined;
}
