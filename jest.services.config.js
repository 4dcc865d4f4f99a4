/**
 * `npm run test:services`: the end-to-end suite on PostgreSQL, against the server TEST_DATABASE_URL names
 * (each test server makes a database of its own there, and drops it), and test/services/: several Quipu
 * processes (the build) over one PostgreSQL and one Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379).
 * The suites left out test what only SQLite has: the reader processes' article index, file backups, the
 * bulk loader's deferred indexes, the file's write lock between processes.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test'],
  setupFiles: [...base.setupFiles, '<rootDir>/test/support/postgres-engine.js'],
  testPathIgnorePatterns: ['/node_modules/', 'article-index', 'backup', 'killed-load', 'unfinished-load', 'writers'],
};
