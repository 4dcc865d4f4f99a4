import type { PersistedDocument } from './document';

export type { PersistedDocument } from './document';
export * from './generated/graphql';

/** One GraphQL error as the server reports it. */
export interface QuipuGraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; argument?: string; [key: string]: unknown };
}

/**
 * A request that came back without data: the server's GraphQL errors (`errors`, each with
 * `extensions.code`) or, when the answer was not GraphQL at all, the HTTP status.
 */
export class QuipuError extends Error {
  constructor(
    message: string,
    readonly operationName: string,
    readonly status: number,
    readonly errors: readonly QuipuGraphQLError[],
  ) {
    super(message);
    this.name = 'QuipuError';
  }
}

export interface QuipuClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`, or `/graphql` on the same origin. */
  url: string;
  /** Headers sent with every request (an API key, for instance). */
  headers?: Record<string, string>;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /**
   * Longest GET URL, in characters. A request whose URL would be longer (the full text of a large
   * operation, or large variables) goes as POST instead, which caches do not keep. Default 2000.
   */
  maxGetUrlLength?: number;
}

/** Variables are optional when the operation has none that are required. */
type VariablesArg<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface QuipuClient {
  /**
   * Runs an operation and returns its data; throws a `QuipuError` when the answer has errors.
   *
   * @example
   * const client = createClient({ url: 'http://localhost:4000/graphql' });
   * const { topic } = await client.request(TopicPageDocument, { slug: 'mining', first: 10 });
   */
  request<TData, TVariables>(document: PersistedDocument<TData, TVariables>, ...variables: VariablesArg<TVariables>): Promise<TData>;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: QuipuGraphQLError[];
}

/**
 * A small typed client for Quipu's documented operations (client/generated/graphql.ts).
 *
 * It speaks Apollo's automatic persisted queries: a GET with only the operation's SHA-256 in
 * `extensions.persistedQuery` first, so the URL is short and the same for every caller (what caches
 * and CDNs key on); when the server does not know that hash yet (`PERSISTED_QUERY_NOT_FOUND`), the
 * same GET again with the text, which the server checks against the hash and remembers. Every
 * request carries `x-apollo-operation-name`, which is what lets a GET through Apollo's CSRF
 * prevention without a preflight-triggering content type.
 */
export function createClient(options: QuipuClientOptions): QuipuClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const maxGetUrlLength = options.maxGetUrlLength ?? 2000;

  async function send(document: PersistedDocument<unknown, unknown>, variables: unknown, withText: boolean): Promise<{ status: number; body: GraphQLResponse | null }> {
    const extensions = { persistedQuery: { version: 1, sha256Hash: document.sha256Hash } };
    const headers: Record<string, string> = {
      accept: 'application/graphql-response+json, application/json',
      'x-apollo-operation-name': document.operationName,
      ...options.headers,
    };
    const params = new URLSearchParams({ operationName: document.operationName });
    if (variables !== undefined) params.set('variables', JSON.stringify(variables));
    params.set('extensions', JSON.stringify(extensions));
    if (withText) params.set('query', document.text);
    const getUrl = `${options.url}${options.url.includes('?') ? '&' : '?'}${params}`;
    const response =
      getUrl.length <= maxGetUrlLength
        ? await fetchImpl(getUrl, { method: 'GET', headers })
        : await fetchImpl(options.url, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ operationName: document.operationName, variables, extensions, ...(withText ? { query: document.text } : {}) }),
          });
    const type = response.headers.get('content-type') ?? '';
    const body = /json/.test(type) ? ((await response.json()) as GraphQLResponse) : null;
    return { status: response.status, body };
  }

  return {
    async request<TData, TVariables>(document: PersistedDocument<TData, TVariables>, ...[variables]: VariablesArg<TVariables>): Promise<TData> {
      let answer = await send(document, variables, false);
      if (answer.body?.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
        answer = await send(document, variables, true);
      }
      const { status, body } = answer;
      if (body === null) throw new QuipuError(`${document.operationName}: the server answered HTTP ${status} without a GraphQL response`, document.operationName, status, []);
      if (body.errors?.length || body.data === undefined || body.data === null) {
        const errors = body.errors ?? [];
        const message = errors.map((error) => error.message).join('; ') || `HTTP ${status} without data`;
        throw new QuipuError(`${document.operationName}: ${message}`, document.operationName, status, errors);
      }
      return body.data as TData;
    },
  };
}
