import { assertInputObjectType, type DocumentNode, type ExecutionResult, execute, type GraphQLInputObjectType, parse, validate } from 'graphql';
import type { Sql } from '../db/sql';
import { createContext } from './context';
import { getSchema } from './schema';

/**
 * An operation the server runs on its own behalf (a feed, the article and embed pages, an export),
 * through the real schema with a fresh request context, so that what it shows is the API's answer
 * for the same arguments by construction. The text is parsed and validated against the schema once,
 * on first use: an operation that does not fit the schema is a bug, said as such.
 */
export class InternalQuery<TData> {
  private document: DocumentNode | undefined;

  constructor(
    private readonly what: string,
    private readonly text: string,
  ) {}

  /** The whole result, errors included, for callers that tell the client's mistakes from failures. */
  async result(sql: Sql, variables: Record<string, unknown>, origin?: string): Promise<ExecutionResult> {
    return execute({ schema: getSchema(), document: this.parsed(), variableValues: variables, contextValue: createContext(sql, origin) });
  }

  /** The data; the first error is thrown (what a resolver threw, when one did). */
  async data(sql: Sql, variables: Record<string, unknown>, origin?: string): Promise<TData> {
    const result = await this.result(sql, variables, origin);
    if (result.errors && result.errors.length > 0) throw result.errors[0].originalError ?? result.errors[0];
    return result.data as TData;
  }

  private parsed(): DocumentNode {
    if (this.document) return this.document;
    const parsed = parse(this.text);
    const errors = validate(getSchema(), parsed);
    if (errors.length > 0) throw new Error(`${this.what}'s operation does not fit the schema: ${errors.map((e) => e.message).join('; ')}`);
    this.document = parsed;
    return parsed;
  }
}

/**
 * An input object type of the real schema (`ArticleFilter`), for the server's own code that takes such
 * a value from elsewhere (a channels file, an export's query string) and checks it as the API checks
 * an argument of that type.
 */
export function schemaInputType(name: string): GraphQLInputObjectType {
  return assertInputObjectType(getSchema().getType(name));
}
