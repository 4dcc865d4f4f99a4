/**
 * A named GraphQL operation as the client sends it: its exact text, the SHA-256 of that text (hex)
 * and its name. `npm run codegen` writes one per operation in schema/operations/ into
 * client/generated/graphql.ts, and the same hash and text into schema/trusted-documents.json.
 * `TData` and `TVariables` are the result and variables types; they exist only for the compiler.
 */
export interface PersistedDocument<TData, TVariables> {
  readonly operationName: string;
  readonly sha256Hash: string;
  readonly text: string;
  /** Never set: carries the result and variables types to `request()`. */
  readonly __types?: { readonly data: TData; readonly variables: TVariables };
}
