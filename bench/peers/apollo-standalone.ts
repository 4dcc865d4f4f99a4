import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Sql } from '../../src/db/sql';
import { type Context, createContext } from '../../src/graph/context';
import { getSchema } from '../../src/graph/schema';

/**
 * Peer 2: stock Apollo Server 5 as its docs start it — `startStandaloneServer`, default plugins
 * (cache control, landing page, usage reporting off without a key) — with graphql-js executing
 * Quipu's schema, resolvers and DataLoaders. Quipu minus its own configuration of Apollo.
 */
export async function startApolloStandalone(sql: Sql): Promise<number> {
  const server = new ApolloServer<Context>({ schema: getSchema() });
  const { url } = await startStandaloneServer(server, { context: async () => createContext(sql), listen: { port: 0, host: '127.0.0.1' } });
  return Number(new URL(url).port);
}
