import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Quipu keeps about the database itself, by key. `unfinished_load` is set, in the same
 * transaction, when a bulk load drops the indexes and triggers it will rebuild, and cleared when it
 * has rebuilt them (ingest/bulk.ts): a database that still has it was cut short and is refused.
 */
export class LoadState1764720000000 implements MigrationInterface {
  name = 'LoadState1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "quipu_state" ("key" varchar PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "quipu_state"`);
  }
}
