import type { MigrationInterface, QueryRunner } from 'typeorm';

const PLACE_COLUMNS = '"id", "slug", "name", "aliases", "kind", "parent_id", "latitude", "longitude", "search_key"';

/**
 * What the reference catalogue of Peru adds to a place: INEI's ubigeo code (regions, provinces and
 * districts), a one-line description, and the company that operates a mine site or project.
 * SQLite adds a foreign key only by rebuilding the table, so `place` is rebuilt as TypeORM would,
 * and the triggers that lived on it (the article index's tree log) are made again.
 */
export class PlaceReference1764892800000 implements MigrationInterface {
  name = 'PlaceReference1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const log = 'INSERT INTO article_change (article_id) VALUES (0);';
    const statements = [
      'DROP INDEX "place_parent"',
      `CREATE TABLE "temporary_place" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL, "kind" varchar NOT NULL, "parent_id" integer, "latitude" real, "longitude" real, "search_key" varchar NOT NULL, "ubigeo" varchar, "description" text, "operator_id" integer, CONSTRAINT "UQ_1443badb6c7af8994264958b4d3" UNIQUE ("slug"), CONSTRAINT "FK_e8f42244c2d9143a42b13bd1d0c" FOREIGN KEY ("parent_id") REFERENCES "place" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_d0f726185f86ccdb10d252f6926" FOREIGN KEY ("operator_id") REFERENCES "organisation" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
      `INSERT INTO "temporary_place" (${PLACE_COLUMNS}) SELECT ${PLACE_COLUMNS} FROM "place"`,
      'DROP TABLE "place"',
      'ALTER TABLE "temporary_place" RENAME TO "place"',
      'CREATE INDEX "place_parent" ON "place" ("parent_id")',
      'CREATE INDEX "place_operator" ON "place" ("operator_id")',
      'CREATE UNIQUE INDEX "place_ubigeo" ON "place" ("ubigeo")',
      `CREATE TRIGGER tree_change_place_insert AFTER INSERT ON place BEGIN ${log} END`,
      `CREATE TRIGGER tree_change_place_delete AFTER DELETE ON place BEGIN ${log} END`,
      `CREATE TRIGGER tree_change_place_update AFTER UPDATE OF id, parent_id ON place BEGIN ${log} END`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const log = 'INSERT INTO article_change (article_id) VALUES (0);';
    const statements = [
      'DROP INDEX "place_ubigeo"',
      'DROP INDEX "place_operator"',
      'DROP INDEX "place_parent"',
      `CREATE TABLE "temporary_place" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL, "kind" varchar NOT NULL, "parent_id" integer, "latitude" real, "longitude" real, "search_key" varchar NOT NULL, CONSTRAINT "UQ_1443badb6c7af8994264958b4d3" UNIQUE ("slug"), CONSTRAINT "FK_e8f42244c2d9143a42b13bd1d0c" FOREIGN KEY ("parent_id") REFERENCES "place" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
      `INSERT INTO "temporary_place" (${PLACE_COLUMNS}) SELECT ${PLACE_COLUMNS} FROM "place"`,
      'DROP TABLE "place"',
      'ALTER TABLE "temporary_place" RENAME TO "place"',
      'CREATE INDEX "place_parent" ON "place" ("parent_id")',
      `CREATE TRIGGER tree_change_place_insert AFTER INSERT ON place BEGIN ${log} END`,
      `CREATE TRIGGER tree_change_place_delete AFTER DELETE ON place BEGIN ${log} END`,
      `CREATE TRIGGER tree_change_place_update AFTER UPDATE OF id, parent_id ON place BEGIN ${log} END`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
