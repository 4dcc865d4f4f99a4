import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The words of Spanish articles with their stems, so a search finds their inflections (search/search-terms.ts). */
export class SearchTerms1765065600000 implements MigrationInterface {
  name = 'SearchTerms1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "search_term" ("term" varchar PRIMARY KEY NOT NULL, "stem" varchar NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "search_term_stem" ON "search_term" ("stem")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "search_term_stem"`);
    await queryRunner.query(`DROP TABLE "search_term"`);
  }
}
