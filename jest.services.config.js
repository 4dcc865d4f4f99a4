/**
 * `npm run test:services`: the end-to-end suite on PostgreSQL against the server TEST_DATABASE_URL names
 * (each test server makes a database of its own there, and drops it), as jest.postgres.config.js, and
 * test/services/: several Quipu processes (the build) over one PostgreSQL and one Redis (TEST_REDIS_URL,
 * default redis://127.0.0.1:6379), the Redis stores, and moving a SQLite database to PostgreSQL.
 */
const postgres = require('./jest.postgres.config');

if (!process.env.TEST_DATABASE_URL) {
  throw new Error('npm run test:services needs TEST_DATABASE_URL: a PostgreSQL server where it may create databases, e.g. postgres://postgres@127.0.0.1:5432/postgres');
}

module.exports = {
  ...postgres,
  testPathIgnorePatterns: postgres.testPathIgnorePatterns.filter((pattern) => pattern !== '<rootDir>/test/services/'),
};
