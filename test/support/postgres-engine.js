// The PostgreSQL suites run every test server on PostgreSQL (test/support/postgres.ts): on the server
// TEST_DATABASE_URL names, or on an embedded PostgreSQL without one.
process.env.QUIPU_TEST_ENGINE = 'postgres';
