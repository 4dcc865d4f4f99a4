/**
 * The PostgreSQL half of `npm test`: the end-to-end suite (test/) with every test server on PostgreSQL,
 * on the server TEST_DATABASE_URL names, or, without one, on an embedded PostgreSQL (PGlite) per test
 * server, so that a machine with no PostgreSQL runs it too. The suites left out test what only SQLite
 * has: file backups, the bulk loader's deferred indexes, the file's write lock between processes. `npm run test:services` runs the same suite on a server, and test/services/.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test'],
  setupFiles: [...base.setupFiles, '<rootDir>/test/support/postgres-engine.js'],
  // An embedded PostgreSQL runs in the test process itself: two processes use both cores of a small machine,
  // each started afresh once it holds much memory (a closed PGlite's WebAssembly memory is slow to go), and a
  // test server on it takes longer to start than on a server.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
  testTimeout: 90000,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, 'backup', 'killed-load', 'unfinished-load', 'writers'],
};
