import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyInstance } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { TrustedDocuments } from '../core/trusted-documents';
import { getSchema } from '../graph/schema';
import { KnownOperationTypes } from './input-limits';
import { jitGateway } from './jit-gateway';
import type { KnownOperations } from './known-operations';
import { persistedQueryCache } from './persisted';
import { type OperationFactsCache, policyPlugin } from './policy.plugin';
import type { HttpContext, RequestPolicy } from './request-policy';
import type { ResponseCache } from './response-cache';

/**
 * Limits every document must keep, checked when Apollo first parses and validates it (a query text
 * seen before passed them already). Each is answered with a 400 and a message naming the limit.
 * Page size (`first`/`last` at most 100) is checked by the fields, and cost by the request policy.
 */
export const DOCUMENT_LIMITS = {
  /** Characters in the query text (http/server.ts checks it before parsing). */
  maxCharacters: 10_000,
  /** Lexical tokens in the document (graphql-js stops parsing past it). */
  maxTokens: 2_000,
  /** Nesting of selections, introspection's `__schema` excepted. */
  maxDepth: 12,
  /** Aliased fields in one document (`__typename` excepted). */
  maxAliases: 15,
  /** Directives in one document. */
  maxDirectives: 20,
};

export interface ApolloOptions {
  introspection: boolean;
  known: KnownOperations;
  trusted: TrustedDocuments;
  policy: RequestPolicy;
  facts: OperationFactsCache;
  cache?: ResponseCache;
  /** Where the persisted queries clients register are kept (default: this process's memory). */
  registered?: KeyValueCache<string>;
}

/** graphql-armor words its limit errors as syntax errors, which they are not. */
const ARMOR_PREFIX = /^Syntax Error: (?=(Query depth|Aliases|Directives) limit of)/;

/**
 * Errors we raise on purpose carry a code and a message written for the client. Anything else is a
 * bug or an outage: the client gets a generic message and the log gets the detail.
 */
export function maskUnexpected(log: FastifyInstance['log']) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && ARMOR_PREFIX.test(formatted.message)) {
      return { ...formatted, message: formatted.message.replace(ARMOR_PREFIX, '') };
    }
    if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    // Apollo's own answers to a bad request (a persisted-query hash that does not match its text) carry a 4xx and no code.
    const status = (error as { extensions?: { http?: { status?: number } } }).extensions?.http?.status;
    if (status !== undefined && status >= 400 && status < 500) return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    log.error({ err: (error as { originalError?: unknown }).originalError ?? error, path: formatted.path }, 'unexpected error in GraphQL request');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * An answer that failed for an unexpected reason (masked above, logged) and has no data to give is
 * a 500: the fault is the server's, never the client's (Apollo would otherwise say 400 or 200).
 */
const internalErrorStatus: ApolloServerPlugin<HttpContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (data == null && errors?.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR')) response.http.status = 500;
      },
    };
  },
};

export function createApollo(app: FastifyInstance, options: ApolloOptions): ApolloServer<HttpContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: DOCUMENT_LIMITS.maxDepth },
    maxAliases: { n: DOCUMENT_LIMITS.maxAliases },
    maxDirectives: { n: DOCUMENT_LIMITS.maxDirectives },
    // graphql-js counts tokens itself (parseOptions), Apollo hides suggestions itself, cost is ours.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
  }).protect();
  return new ApolloServer<HttpContext>({
    gateway: jitGateway(getSchema(), options.known, options.facts),
    introspection: options.introspection,
    // With introspection off, "Did you mean ...?" would still leak field names.
    hideSchemaDetailsFromClientErrors: !options.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpected(app.log),
    parseOptions: { maxTokens: DOCUMENT_LIMITS.maxTokens },
    validationRules: [...armor.validationRules, KnownOperationTypes],
    persistedQueries: { cache: persistedQueryCache(options.trusted, options.registered) },
    plugins: [
      ...armor.plugins,
      policyPlugin(options.policy, options.trusted, options.facts, options.cache),
      internalErrorStatus,
      fastifyApolloDrainPlugin(app),
      // The default landing page loads scripts from the internet; a bundled GraphiQL replaces it later.
      ApolloServerPluginLandingPageDisabled(),
      // No field sets cache hints yet, and the plugin wraps every resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}
