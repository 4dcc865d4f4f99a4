import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import { articleSetAnswers, backgroundStatements, sqlStatements } from '../db/sql-counter';
import { sourceFailing, sourceFetches } from '../ingest/sources';

/**
 * GraphQL requests by the path that answered them: `known` (a query Apollo validated before, run
 * straight from its compiled form) or `apollo` (first sight, GET, errors, anything unusual).
 */
export const graphqlRequests = new Counter({
  name: 'quipu_graphql_requests_total',
  help: 'GraphQL requests answered, by path: known (compiled query run directly) or apollo (full pipeline)',
  labelNames: ['path'] as const,
  registers: [],
});

/** Requests the request policy turned away, by error code (RATE_LIMITED, COST_LIMIT_EXCEEDED, UNAUTHENTICATED ...). */
export const refusedRequests = new Counter({
  name: 'quipu_graphql_refused_total',
  help: 'GraphQL requests refused by the request policy before running, by error code',
  labelNames: ['code'] as const,
  registers: [],
});

/** The response cache's lookups, by result: `hit` (answered from a kept answer, this instance's or, with REDIS_URL, another's) or `miss`. */
export const responseCacheLookups = new Counter({
  name: 'quipu_response_cache_lookups_total',
  help: 'Response cache lookups, by result: hit or miss',
  labelNames: ['result'] as const,
  registers: [],
});

/** The Prometheus registry behind GET /metrics: process metrics plus Quipu's own counters. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(sqlStatements);
  registry.registerMetric(backgroundStatements);
  registry.registerMetric(articleSetAnswers);
  registry.registerMetric(graphqlRequests);
  registry.registerMetric(refusedRequests);
  registry.registerMetric(responseCacheLookups);
  registry.registerMetric(sourceFetches);
  registry.registerMetric(sourceFailing);
  return registry;
}
