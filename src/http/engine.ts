import type { FastifyInstance } from 'fastify';
import { TrustedDocuments } from '../core/trusted-documents';
import { getSchema } from '../graph/schema';
import { ANONYMOUS_POLICY, type BudgetPolicy } from '../partner/budget';
import type { PartnerKeys } from '../partner/keys';
import { createApollo } from './apollo';
import { type Admit, KnownOperations } from './known-operations';
import { OperationFactsCache } from './policy.plugin';
import { type Client, type HttpContext, Refusal, RequestPolicy } from './request-policy';
import type { ResponseCache } from './response-cache';
import type { SharedState } from './shared-state';
import { HEAVY_COST } from './work-cost';
import type { WorkStats } from './work-stats';

export interface EngineOptions {
  /** The cost budget of each anonymous client IP (default ANONYMOUS_POLICY); null: none. */
  anonymousBudget?: BudgetPolicy | null;
  /** Schema introspection (default on); off also hides field suggestions in error messages. */
  introspection?: boolean;
  /** The most one request may cost (default MAX_COST_PER_REQUEST). */
  maxCostPerRequest?: number;
  /** The trusted documents (default: schema/trusted-documents.json as built). */
  trusted?: TrustedDocuments;
  /** What the work of filters and searches is estimated from; without it, cost counts fields alone. */
  workStats?: WorkStats;
  /** The response cache GET answers are kept in (http/server.ts serves them). */
  responseCache?: ResponseCache;
  /** What several instances share through Redis (REDIS_URL): budgets and registered persisted queries here. */
  shared?: SharedState;
}

/**
 * The GraphQL side of the server, one per process: Apollo (the full path), the known queries (the
 * direct path), and the request policy both apply. http/server.ts routes requests to it; the
 * in-process benchmark drives the same parts without a socket.
 */
export function createGraphqlEngine(app: FastifyInstance, keys: () => PartnerKeys | null, options: EngineOptions = {}) {
  const operations = new KnownOperations();
  const trusted = options.trusted ?? TrustedDocuments.load();
  const facts = new OperationFactsCache(getSchema(), options.workStats);
  const policy = new RequestPolicy(keys, {
    anonymous: options.anonymousBudget === undefined ? ANONYMOUS_POLICY : options.anonymousBudget,
    maxCostPerRequest: options.maxCostPerRequest,
    budgets: options.shared?.budgets,
  });
  const apollo = createApollo(app, {
    introspection: options.introspection ?? true,
    known: operations,
    trusted,
    policy,
    facts,
    cache: options.responseCache,
    registered: options.shared?.persistedQueries,
  });

  /**
   * The direct path's admission: the known query's cost charged to `client` and noted on the
   * context, or undefined (refused) to let Apollo refuse it again and say why.
   */
  const admitKnown =
    (client: Client, context: HttpContext): Admit =>
    async (operation, variables) => {
      const outcome = await policy.admit(client, operation.cost(variables), false);
      if (outcome instanceof Refusal) return undefined;
      context.admission = outcome;
      if (context.lane) context.lane.heavy = outcome.cost >= HEAVY_COST;
      return outcome;
    };

  return { apollo, operations, policy, admitKnown };
}
