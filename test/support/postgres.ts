import pg from 'pg';

/** The engine the end-to-end tests run on: QUIPU_TEST_ENGINE=postgres runs them on PostgreSQL. */
export const testEngine: 'sqlite' | 'postgres' = process.env.QUIPU_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

let made = 0;

/**
 * A fresh, empty PostgreSQL database for one test server, on the server TEST_DATABASE_URL names
 * (any database of it: the new one is made beside it), dropped by `drop`.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('QUIPU_TEST_ENGINE=postgres needs TEST_DATABASE_URL (postgres://user@host:port/database)');
  const name = `quipu_test_${process.pid}_${++made}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
