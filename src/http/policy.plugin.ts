import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import type { TrustedDocuments } from '../core/trusted-documents';
import { cacheControl, maxAgeOf, weakEtag } from './cache-policy';
import { type CostPlan, planCost } from './cost';
import { type Admission, costReport, type HttpContext, Refusal, type RequestPolicy, rateLimitHeaders } from './request-policy';
import { type ResponseCache, readTags } from './response-cache';
import { HEAVY_COST } from './work-cost';
import type { WorkStats } from './work-stats';

/** What Quipu needs to know of an operation before running it, worked out once per document. */
export interface OperationFacts {
  cost: CostPlan;
  /** Seconds a GET answer may be cached (cache-policy.ts). */
  maxAge: number;
  /** What its answer reads, for the response cache (response-cache.ts); null: never kept. */
  tags: string[] | null;
}

/** Facts by parsed document (Apollo keeps one DocumentNode per query text) and operation. */
export class OperationFactsCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationFacts>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly stats?: WorkStats,
  ) {}

  get(document: DocumentNode, operation: OperationDefinitionNode): OperationFacts {
    let byOperation = this.byDocument.get(document);
    if (!byOperation) {
      byOperation = new Map();
      this.byDocument.set(document, byOperation);
    }
    let facts = byOperation.get(operation);
    if (!facts) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      facts = { cost: planCost(this.schema, document, operation, this.stats), maxAge: maxAgeOf(operation, fragments), tags: readTags(this.schema, document, operation) };
      byOperation.set(operation, facts);
    }
    return facts;
  }
}

/**
 * Applies the request policy on Apollo's path: once the operation is known (parsed, validated,
 * chosen), its cost is charged to the client or the request is refused; the answer carries the cost
 * in `extensions.cost` and the RateLimit headers, and a GET answer its Cache-Control and ETag.
 * (Known queries on the direct path do the same in http/server.ts.)
 */
export function policyPlugin(policy: RequestPolicy, trusted: TrustedDocuments, facts: OperationFactsCache, cache?: ResponseCache): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart() {
      let admission: Admission | undefined;
      let maxAge: number | undefined;
      let tags: string[] | null = null;
      let isTrusted = false;
      return {
        async didResolveOperation({ contextValue, document, operation, request }) {
          const client = contextValue.client;
          if (!client || !operation) return;
          if (operation.operation === 'mutation') {
            const refusal = policy.mayWrite(client);
            if (refusal) throw refusal.count().toGraphQLError();
          }
          const known = facts.get(document, operation);
          maxAge = known.maxAge;
          tags = known.tags;
          isTrusted = trusted.isTrustedRequest(request.query, request.extensions);
          const outcome = contextValue.admission ?? (await policy.admit(client, known.cost(request.variables), isTrusted));
          if (outcome instanceof Refusal) throw outcome.count().toGraphQLError();
          admission = outcome;
          // The request's lane for its reads (http/server.ts); the lane object is shared with the copy of the context Apollo hands on.
          if (contextValue.lane) contextValue.lane.heavy = outcome.cost >= HEAVY_COST;
        },
        async willSendResponse({ contextValue, request, response }) {
          const headers = response.http.headers;
          const client = contextValue.client;
          if (admission && response.body.kind === 'single') {
            const result = response.body.singleResult;
            if (request.http?.method === 'GET' && maxAge !== undefined) {
              const failed = result.errors !== undefined;
              headers.set('cache-control', cacheControl(maxAge, failed ? 'none' : client?.key ? 'private' : 'public'));
              if (!failed) {
                const etag = weakEtag(result);
                headers.set('etag', etag);
                // A repeated GET is answered from the response cache (http/server.ts) until a write changes what it read.
                const slot = contextValue.cacheSlot;
                if (cache && slot && tags && response.http.status === undefined && cache.keeps(slot.epoch)) {
                  cache.set(slot.key, slot.epoch, { data: JSON.stringify(result.data), etag, cost: admission.cost, maxAge, trusted: isTrusted, tags });
                }
              }
            }
            result.extensions = { ...result.extensions, cost: costReport(admission.cost, admission.charge) };
            if (admission.charge && client?.policy) {
              for (const [name, value] of Object.entries(rateLimitHeaders(client.policy, admission.charge))) headers.set(name, value);
            }
          } else if (request.http?.method === 'GET') {
            headers.set('cache-control', 'no-store');
          }
          if (request.http?.method === 'GET') headers.set('vary', 'accept, authorization');
        },
      };
    },
  };
}
