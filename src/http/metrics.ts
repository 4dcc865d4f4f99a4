import { collectDefaultMetrics, Registry } from 'prom-client';
import { sqlStatements } from '../db/sql-counter';

/** The Prometheus registry behind GET /metrics: process metrics plus Quipu's own counters. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(sqlStatements);
  return registry;
}
