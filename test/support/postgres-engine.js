// The services suite runs every test server on PostgreSQL (test/support/postgres.ts).
process.env.QUIPU_TEST_ENGINE = 'postgres';
if (!process.env.TEST_DATABASE_URL) {
  throw new Error('npm run test:services needs TEST_DATABASE_URL: a PostgreSQL server where it may create databases, e.g. postgres://postgres@127.0.0.1:5432/postgres');
}
