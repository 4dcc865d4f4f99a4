import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import type { Sql } from '../../src/db/sql';
import { createContext } from '../../src/graph/context';
import { getSchema } from '../../src/graph/schema';

/**
 * Peer 1: Mercurius with graphql-jit (compiled after the first run of a query) on Fastify, over
 * Quipu's own executable schema, resolvers, DataLoaders and SQL. Only the server stack differs from
 * Quipu, so the ratio isolates what Apollo's pipeline and graphql-js execution cost.
 */
export async function startMercurius(sql: Sql): Promise<number> {
  const app = Fastify({ logger: false });
  await app.register(mercurius, {
    schema: getSchema(),
    jit: 1,
    graphiql: false,
    // Mercurius adds its own keys (app, reply, ...) to the object the function returns.
    context: () => createContext(sql) as unknown as Record<string, unknown>,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}
