import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The names in articles that no catalogue entry matched, for editors (ingest/suggest.ts, Query.entitySuggestions). */
export class EntitySuggestions1764979200000 implements MigrationInterface {
  name = 'EntitySuggestions1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "entity_suggestion" ("article_id" integer NOT NULL, "field" varchar NOT NULL, "offset" integer NOT NULL, "length" integer NOT NULL, "text" varchar NOT NULL, "form_key" varchar NOT NULL, "kind" varchar NOT NULL, "reason" varchar NOT NULL, CONSTRAINT "FK_56f66f3dd33cac1dac37dc42740" FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("article_id", "field", "offset"))`,
    );
    await queryRunner.query(`CREATE INDEX "entity_suggestion_form" ON "entity_suggestion" ("form_key", "article_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "entity_suggestion_form"`);
    await queryRunner.query(`DROP TABLE "entity_suggestion"`);
  }
}
