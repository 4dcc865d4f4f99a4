import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../graph/context';
import { getSchema } from '../graph/schema';
import { jitGateway } from './jit-gateway';
import type { KnownOperations } from './known-operations';

/**
 * Errors we raise on purpose carry a code and a message written for the client. Anything else is a
 * bug or an outage: the client gets a generic message and the log gets the detail.
 */
export function maskUnexpected(log: FastifyInstance['log']) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    log.error({ err: (error as { originalError?: unknown }).originalError ?? error, path: formatted.path }, 'unexpected error in GraphQL request');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export function createApollo(app: FastifyInstance, known: KnownOperations): ApolloServer<Context> {
  return new ApolloServer<Context>({
    gateway: jitGateway(getSchema(), known),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpected(app.log),
    plugins: [
      fastifyApolloDrainPlugin(app),
      // The default landing page loads scripts from the internet; a bundled GraphiQL replaces it later.
      ApolloServerPluginLandingPageDisabled(),
      // No field sets cache hints yet, and the plugin wraps every resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}
