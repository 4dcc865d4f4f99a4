import { HeaderMap } from '@apollo/server';
import Fastify from 'fastify';
import type { Sql } from '../../src/db/sql';
import { createContext } from '../../src/graph/context';
import { createGraphqlEngine } from '../../src/http/engine';
import { type HttpContext, Refusal } from '../../src/http/request-policy';
import { BENCH_POLICY } from './check';
import { type StoreSettings, servingStore } from './store';

/**
 * Quipu's request path without the socket, as src/http/server.ts routes a POST to /graphql: a known
 * query straight to its compiled form (KnownOperations), anything else through the Apollo server
 * exactly as src/http/apollo.ts configures it, called as @as-integrations/fastify's handler calls it
 * (executeHTTPGraphQLRequest), with a fresh context per request whose reads share one deadline
 * (`sql.until(arrival + QUERY_TIMEOUT_MS)`); returns the serialised body. If server.ts changes how it
 * routes /graphql, this is the one place to follow it.
 */
export interface QuipuExecutor {
  execute(rawBody: string, sql: Sql): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function createQuipuExecutor(queryTimeoutMs: number): Promise<QuipuExecutor> {
  // createApollo wants the Fastify instance for its drain plugin and logger; it never listens.
  const app = Fastify({ logger: false });
  const { apollo, operations, policy, admitKnown } = createGraphqlEngine(app, () => null, BENCH_POLICY);
  await apollo.start();
  const client = await policy.identify(undefined, undefined, '127.0.0.1');
  if (client instanceof Refusal) throw new Error('the anonymous client was refused');
  const headers = new HeaderMap([['content-type', 'application/json']]);
  return {
    async execute(rawBody, sql) {
      // Fastify has parsed the JSON body by the time the handler runs: parse it here too.
      const body: unknown = JSON.parse(rawBody);
      const context: HttpContext = createContext(sql.until(Date.now() + queryTimeoutMs));
      context.client = client;
      const known = await operations.execute(body, undefined, context, admitKnown(client, context));
      if (known) return { status: 200, body: known.body };
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body },
        context: async () => context,
      });
      if (response.body.kind !== 'complete') throw new Error('Quipu answered with a chunked (incremental) body');
      return { status: response.status ?? 200, body: response.body.string };
    },
    async stop() {
      await apollo.stop();
      await app.close();
    },
  };
}

/** Runs `measure` with Quipu's executor over a serving store of the file (lib/store.ts), and stops both after. */
export async function withServingQuipu<T>(file: string, settings: StoreSettings, measure: (executor: QuipuExecutor, sql: Sql) => Promise<T>): Promise<T> {
  const executor = await createQuipuExecutor(settings.queryTimeoutMs);
  const store = await servingStore(file, settings);
  try {
    await store.indexesBuilt();
    return await measure(executor, store.sql);
  } finally {
    await executor.stop();
    await store.close();
  }
}
