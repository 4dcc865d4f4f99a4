/** The documented operations as GraphiQL tabs, put in by the bundler (src/graphiql/bundle.ts). */
declare const QUIPU_TABS: { query: string; variables: string }[];
/** A hash of QUIPU_TABS: tabs a browser kept from an older set of operations are not restored. */
declare const QUIPU_TABS_VERSION: string;
