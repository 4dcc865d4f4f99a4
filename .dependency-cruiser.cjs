/**
 * Quipu's dependency rules (ARCHITECTURE.md, "Dependency rules"), checked by `npm run depcheck` in
 * `npm test`. The floors, from the bottom:
 *
 *   core/      primitives: error classes, global ids, Relay connections, scalars, ETag matching, the
 *              trusted documents; import nothing of the project
 *   db/        the store behind the Sql door; imports core/ (and the stored entities, to register them)
 *   concepts   every other folder (article, subject, topic, ..., feed, embed, export, ingest, ...)
 *   graph/     the assembly: schema, per-request context, internal queries; imports the concepts
 *   http/      the server: imports anything; only main.ts and config.ts import it
 *
 * Rules look at direct imports (type-only ones included: tsPreCompilationDeps) unless they say
 * `reachable`. A rule's exceptions are named in it, each with why.
 */

/** The folders that are not concepts; every other folder under src/ is one. */
const FLOORS = '^src/(core|db|graph|http)/';
/** Files at the top of src/: main.ts (start-up) and config.ts (its settings), above every floor. */
const TOP = '^src/[^/]+[.]ts$';
/** A concept folder: any folder of src/ but the floors. */
const CONCEPT = { path: '^src/[^/]+/', pathNot: [FLOORS, TOP] };

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A runtime import cycle leaves one module half-initialised while the other runs (type-graphql reads ' +
        'its classes at import time). Type-only cycles are allowed: they vanish when compiled, and one is ' +
        "inherent: graph/context.ts's Context names the concepts' loaders, and resolvers name Context " +
        '(article.facets -> graph/context -> article.loaders -> article.facets, types only).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-imports-nothing',
      comment: 'core/ is what every floor may use, so it may use nothing of the project itself (npm packages and node: only).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'db-imports-only-core',
      comment:
        'The store sits under every concept: db/ imports only core/ and db/. Three files are let off, each ' +
        'with a rule of its own below: db/entities.ts (the registry of stored entities), the timeline ' +
        'migration, and the command-line entries (backup.cli.ts, migrate.cli.ts), which read config.ts as every CLI does.',
      severity: 'error',
      from: { path: '^src/db/', pathNot: ['^src/db/entities[.]ts$', '^src/db/migrations/1764374400000-timeline-counts[.]ts$', '^src/db/[a-z-]+[.]cli[.]ts$'] },
      to: { path: '^src/', pathNot: '^src/(core|db)/' },
    },
    {
      name: 'db-registers-only-entities',
      comment:
        "db/entities.ts is the list TypeORM derives the schema from: it imports the concepts' *.entity.ts " +
        'files and nothing else of theirs (and entities-stay-low keeps those files low).',
      severity: 'error',
      from: { path: '^src/db/entities[.]ts$' },
      to: { path: '^src/', pathNot: ['^src/(core|db)/', '^src/[^/]+/[^/]+[.]entity[.]ts$'] },
    },
    {
      name: 'timeline-migration-imports-only-the-counts',
      comment:
        'The timeline migration imports its SQL from timeline/timeline.counts.ts, and nothing else above db/. ' +
        'The exception goes when migrations carry their own SQL instead of importing live code (STYLE.md).',
      severity: 'error',
      from: { path: '^src/db/migrations/1764374400000-timeline-counts[.]ts$' },
      to: { path: '^src/', pathNot: ['^src/(core|db)/', '^src/timeline/timeline[.]counts[.]ts$'] },
    },
    {
      name: 'db-clis-read-only-config',
      comment: "db/'s command-line entries (backup.cli.ts, migrate.cli.ts) read their settings from config.ts, and import nothing else above db/.",
      severity: 'error',
      from: { path: '^src/db/[a-z-]+[.]cli[.]ts$' },
      to: { path: '^src/', pathNot: ['^src/(core|db)/', '^src/config[.]ts$'] },
    },
    {
      name: 'entities-stay-low',
      comment:
        'A stored entity (and the kind enums it uses) imports only core/, other entities and kind enums: ' +
        'db/entities.ts imports the entities, so anything more would pull a concept under the store.',
      severity: 'error',
      from: { path: '^src/[^/]+/[^/]+([.]entity|-kinds?)[.]ts$' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/[^/]+/[^/]+([.]entity|-kinds?)[.]ts$'] },
    },
    {
      name: 'only-the-engine-imports-the-driver',
      comment:
        'Everything above the store reads and writes through the Sql interface (db/sql.ts): only the SQLite ' +
        'engine (db/sqlite/) and db/data-source.ts, which opens it, import better-sqlite3. Tests may.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/db/sqlite/', '^src/db/data-source[.]ts$', '[.]test[.]ts$'] },
      to: { path: 'node_modules/(@types/)?better-sqlite3/' },
    },
    {
      name: 'http-is-the-roof',
      comment:
        'http/ serves everything below it: no concept, nor graph/, db/ or core/, imports from http/ (what they ' +
        'need of it lives in core/). Only main.ts and config.ts (the settings http/origin.ts parses) do.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/http/', TOP] },
      to: { path: '^src/http/' },
    },
    {
      name: 'concepts-reach-graph-through-its-door',
      comment:
        'graph/ assembles the concepts, so a concept importing graph/ runs against the grain. Two imports are ' +
        'allowed: graph/context.ts, for the Context type only (see the next rule), and graph/internal-query.ts, ' +
        'the door through which the server uses its own API (feeds, pages, exports, checking a stored filter ' +
        'as an argument is checked). schema.ts, node.resolver.ts and emit-schema.ts are for http/, main.ts and tests.',
      severity: 'error',
      from: CONCEPT,
      to: { path: '^src/graph/', pathNot: '^src/graph/(context|internal-query)[.]ts$' },
    },
    {
      name: 'concepts-import-the-context-as-a-type',
      comment: 'A concept names the Context type; it never makes one (that is graph/ and http/ business).',
      severity: 'error',
      from: CONCEPT,
      to: { path: '^src/graph/context[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ingest-reaches-no-resolver',
      comment:
        'Ingest is parse -> extract -> upsert over the Sql door; it must run without the GraphQL schema, so ' +
        'nothing it imports, directly or through other modules, is a resolver.',
      severity: 'error',
      from: { path: '^src/ingest/', pathNot: '[.]test[.]ts$' },
      to: { path: '[.]resolver[.]ts$', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: without this they vanish before the rules see them.
    tsPreCompilationDeps: true,
  },
};
