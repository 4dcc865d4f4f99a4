import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createSearchIndex, dropSearchIndex } from '../fts5';

/** Tables for the entities in db/entities.ts (test/schema.test.ts checks they match), plus the search index. */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...tables, ...createSearchIndex]) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of dropSearchIndex) await queryRunner.query(statement);
    for (const table of ['article_link', 'article', 'source', 'topic', 'organisation', 'place', 'person']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}

const tables = [
  `CREATE TABLE "source" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "url" varchar NOT NULL, CONSTRAINT "UQ_e64619e22dc97d6525c86ef8af5" UNIQUE ("name"))`,
  `CREATE TABLE "article" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "title" varchar NOT NULL, "summary" text NOT NULL, "body" text, "kind" varchar NOT NULL, "published_at" varchar, "language" varchar NOT NULL DEFAULT ('en'), "source_id" integer NOT NULL, "content_hash" varchar NOT NULL, "created_at" varchar NOT NULL, "updated_at" varchar NOT NULL, CONSTRAINT "UQ_0ab85f4be07b22d79906671d72f" UNIQUE ("slug"), CONSTRAINT "FK_54c0990293f37869e42b1a59d3a" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
  `CREATE INDEX "article_published_at" ON "article" ("published_at", "id") `,
  `CREATE TABLE "article_link" ("article_id" integer NOT NULL, "subject_kind" varchar NOT NULL, "subject_id" integer NOT NULL, "relevance" real NOT NULL, "provenance" varchar NOT NULL, "evidence" text NOT NULL, CONSTRAINT "FK_242aab5ea742d9862040f95f46a" FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("article_id", "subject_kind", "subject_id"))`,
  `CREATE INDEX "article_link_subject" ON "article_link" ("subject_kind", "subject_id", "article_id") `,
  `CREATE TABLE "organisation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL, "kind" varchar NOT NULL, "parent_id" integer, "country" varchar, "description" text, "search_key" varchar NOT NULL, CONSTRAINT "UQ_b800a0efd2f9f19719d0c4d793d" UNIQUE ("slug"), CONSTRAINT "FK_c4ba39f5697ec0cd6e03314b616" FOREIGN KEY ("parent_id") REFERENCES "organisation" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `CREATE INDEX "organisation_parent" ON "organisation" ("parent_id") `,
  `CREATE TABLE "person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL, "description" text, "search_key" varchar NOT NULL, CONSTRAINT "UQ_48e444390904f250a3b20e4d575" UNIQUE ("slug"))`,
  `CREATE TABLE "place" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL, "kind" varchar NOT NULL, "parent_id" integer, "latitude" real, "longitude" real, "search_key" varchar NOT NULL, CONSTRAINT "UQ_1443badb6c7af8994264958b4d3" UNIQUE ("slug"), CONSTRAINT "FK_e8f42244c2d9143a42b13bd1d0c" FOREIGN KEY ("parent_id") REFERENCES "place" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `CREATE INDEX "place_parent" ON "place" ("parent_id") `,
  `CREATE TABLE "topic" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "description" text NOT NULL, "parent_id" integer, "search_key" varchar NOT NULL, CONSTRAINT "UQ_b4f72509919eef20d3f54eedc34" UNIQUE ("slug"), CONSTRAINT "FK_40d1ab0ce240d3e8183ca56705f" FOREIGN KEY ("parent_id") REFERENCES "topic" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `CREATE INDEX "topic_parent" ON "topic" ("parent_id") `,
];
