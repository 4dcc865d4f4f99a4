import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  type OperationDefinitionNode,
  printSchema,
  type TypeNode,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Context } from '../graph/context';
import type { KnownOperations } from './known-operations';
import type { OperationFactsCache } from './policy.plugin';

/**
 * Executes operations with graphql-jit instead of graphql-js, through Apollo's gateway hook: Apollo
 * still parses, validates and formats, and only execution is swapped. A document is compiled once
 * into plain JavaScript that calls the same resolvers, which removes most of graphql-js's per-field
 * interpretation cost on large lists.
 *
 * graphql-jit cannot compile variables of a recursive input type (its variable coercion recurses
 * forever: zalando-incubator/graphql-jit#81), and ArticleFilter nests itself through AND/OR/NOT.
 * Operations with such variables run on graphql-js; literal filters in the document are fine.
 *
 * Compiled queries are kept in `known`, by text, which also lets later requests skip Apollo's
 * pipeline (see known-operations.ts); operations that cannot compile are compiled again each time.
 */
export function jitGateway(schema: GraphQLSchema, known: KnownOperations, facts: OperationFactsCache): GatewayInterface {
  const recursive = recursiveInputTypes(schema);
  const executor: GatewayExecutor = async (request) => {
    // No operation to run (a name that matches none, or several operations and no name): graphql-js
    // says which, as it would without the gateway.
    if (!request.operation || hasVariableOfType(request.operation, recursive)) {
      return execute({
        schema,
        document: request.document,
        // The name the client sent: Apollo's own is the resolved one, null when nothing matched.
        operationName: request.request.operationName,
        variableValues: request.request.variables,
        contextValue: request.context,
      });
    }
    // A known query that failed on the direct path: format that result, do not run it twice.
    const failed = known.takeFailed(request.context as Context);
    if (failed) return failed.errors ? { ...failed, errors: failed.errors.map(toGraphQLError) } : failed;
    const text = request.request.query;
    let query = text === undefined ? undefined : known.find(text, request.request.operationName)?.compiled;
    if (!query) {
      const compiled = compileQuery(schema, request.document, request.operationName ?? undefined);
      if (!isCompiledQuery(compiled)) return compiled;
      if (text !== undefined && request.operation.operation === 'query') {
        known.remember(text, request.request.operationName, { compiled, facts: facts.get(request.document, request.operation) });
      }
      query = compiled;
    }
    const result = (await query.query(undefined, request.context, request.request.variables ?? {})) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(toGraphQLError) } : result;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}

/**
 * graphql-jit builds its errors without `extensions` (which graphql-js always sets, and Apollo's
 * error formatting reads). Rebuild them as graphql-js errors, keeping message, path, locations and
 * the original error, and so the code of a BadUserInput thrown by a resolver.
 */
function toGraphQLError(reported: unknown): GraphQLError {
  if (reported instanceof GraphQLError && reported.extensions) return reported;
  const error = reported as Error & Pick<GraphQLError, 'path' | 'locations' | 'originalError'>;
  // Variables that do not coerce are the client's mistake, as graphql-js and Apollo report them.
  if (!error.path && error.message.startsWith('Variable "$')) {
    return Object.assign(new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } }), { locations: error.locations });
  }
  const original = error.originalError;
  if (original instanceof GraphQLError && !original.path) {
    return Object.assign(new GraphQLError(original.message, { path: error.path, originalError: original.originalError ?? original, extensions: original.extensions }), {
      locations: error.locations,
    });
  }
  return Object.assign(new GraphQLError(error.message, { path: error.path, originalError: original ?? error }), { locations: error.locations });
}

/** Names of the input object types that can contain themselves. */
function recursiveInputTypes(schema: GraphQLSchema): Set<string> {
  const reaches = (from: GraphQLInputType, target: string, seen: Set<string>): boolean => {
    const type = getNamedType(from);
    if (!isInputObjectType(type)) return false;
    return Object.values(type.getFields()).some((field) => {
      const inner = getNamedType(field.type);
      if (inner.name === target) return true;
      if (seen.has(inner.name)) return false;
      seen.add(inner.name);
      return reaches(field.type, target, seen);
    });
  };
  const names = Object.values(schema.getTypeMap())
    .filter(isInputObjectType)
    .map((type) => type.name);
  return new Set(names.filter((name) => reaches(schema.getType(name) as GraphQLInputType, name, new Set())));
}

function hasVariableOfType(operation: OperationDefinitionNode, names: Set<string>): boolean {
  const named = (type: TypeNode): string => (type.kind === 'NamedType' ? type.name.value : named(type.type));
  return (operation.variableDefinitions ?? []).some((definition) => names.has(named(definition.type)));
}
