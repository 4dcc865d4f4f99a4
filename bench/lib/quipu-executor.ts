import { HeaderMap } from '@apollo/server';
import Fastify from 'fastify';
import type { Sql } from '../../src/db/sql';
import { createContext } from '../../src/graph/context';
import { createApollo } from '../../src/http/apollo';

/**
 * Quipu's request path without the socket: the Apollo server exactly as src/http/apollo.ts
 * configures it, called as @as-integrations/fastify's handler calls it (executeHTTPGraphQLRequest
 * with a fresh context per request), returning the serialised body. If src/http/server.ts stops
 * routing /graphql through Apollo, this is the one place to follow it.
 */
export interface QuipuExecutor {
  execute(rawBody: string, sql: Sql): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function createQuipuExecutor(): Promise<QuipuExecutor> {
  // createApollo wants the Fastify instance for its drain plugin and logger; it never listens.
  const app = Fastify({ logger: false });
  const apollo = createApollo(app);
  await apollo.start();
  const headers = new HeaderMap([['content-type', 'application/json']]);
  return {
    async execute(rawBody, sql) {
      const response = await apollo.executeHTTPGraphQLRequest({
        // Fastify has parsed the JSON body by the time the integration runs: parse it here too.
        httpGraphQLRequest: { method: 'POST', headers, search: '', body: JSON.parse(rawBody) },
        context: async () => createContext(sql),
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
