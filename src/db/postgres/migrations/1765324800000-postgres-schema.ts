import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaStatements } from '../schema';

/** The whole schema as the SQLite migrations up to FeedSources1765238400000 leave it, in PostgreSQL's words (../schema.ts). */
export class PostgresSchema1765324800000 implements MigrationInterface {
  name = 'PostgresSchema1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    const [{ schema }] = (await queryRunner.query("SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'")) as {
      schema: string;
    }[];
    for (const statement of schemaStatements(schema)) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ schema }] = (await queryRunner.query('SELECT current_schema() AS schema')) as { schema: string }[];
    await queryRunner.query(`DROP SCHEMA "${schema}" CASCADE`);
    await queryRunner.query(`CREATE SCHEMA "${schema}"`);
  }
}
