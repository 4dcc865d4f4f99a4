import type { MigrationInterface, QueryRunner } from 'typeorm';

const SUBJECT_TABLES = ['topic', 'organisation', 'place', 'person'];

/**
 * What the editorial desk (desk/) writes and keeps:
 * - `partner_key.role`: partner (read only), editor (mutations), admin (mutations and keys);
 * - `version` on articles and subjects: the number an editor's write must name (optimistic concurrency);
 *   `edited_at`: an editor made or changed it, so ingest (an article's text) and the catalogue's files
 *   (a subject) no longer overwrite it; `article_link.editor`: who made an editor's link, and when (JSON);
 * - `audit_entry`: every editor's write, who, when, what, before and after;
 * - `change_entry`: what was created, updated, deleted, linked and unlinked, in commit order, for `changes`;
 * - `link_veto`: a link an editor removed, which no extraction makes again;
 * - `retired_article`: a deleted article's slug, never used again (and skipped by every ingest);
 * - `subject_redirect`: an old slug (a renamed or merged subject) and a merged subject's id, resolving to the survivor;
 * - `suggestion_decision`: suggestions accepted or rejected, by their folded name.
 */
export class EditorialDesk1765152000000 implements MigrationInterface {
  name = 'EditorialDesk1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE "partner_key" ADD COLUMN "role" varchar NOT NULL DEFAULT ('partner') CHECK ("role" IN ('partner', 'editor', 'admin'))`,
      `ALTER TABLE "article" ADD COLUMN "version" integer NOT NULL DEFAULT (1)`,
      `ALTER TABLE "article" ADD COLUMN "edited_at" varchar`,
      `ALTER TABLE "article_link" ADD COLUMN "editor" text`,
      `CREATE INDEX "article_updated_at" ON "article" ("updated_at", "id") `,
      ...SUBJECT_TABLES.flatMap((table) => [`ALTER TABLE "${table}" ADD COLUMN "version" integer NOT NULL DEFAULT (1)`, `ALTER TABLE "${table}" ADD COLUMN "edited_at" varchar`]),
      `CREATE TABLE "audit_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar NOT NULL, "key_id" integer, "key_name" varchar NOT NULL, ` +
        `"action" varchar NOT NULL, "node_type" varchar NOT NULL, "node_id" integer NOT NULL, "before" text, "after" text)`,
      `CREATE INDEX "audit_entry_node" ON "audit_entry" ("node_type", "node_id", "id")`,
      `CREATE TABLE "change_entry" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar NOT NULL, "action" varchar NOT NULL, ` +
        `"node_type" varchar NOT NULL, "node_id" integer NOT NULL, "subject_type" varchar, "subject_id" integer)`,
      `CREATE TABLE "link_veto" ("article_id" integer NOT NULL, "subject_kind" varchar NOT NULL, "subject_id" integer NOT NULL, "key_name" varchar NOT NULL, "at" varchar NOT NULL, ` +
        `CONSTRAINT "FK_link_veto_article" FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE, PRIMARY KEY ("article_id", "subject_kind", "subject_id"))`,
      `CREATE TABLE "retired_article" ("id" integer PRIMARY KEY NOT NULL, "slug" varchar NOT NULL, "retired_at" varchar NOT NULL, CONSTRAINT "UQ_retired_article_slug" UNIQUE ("slug"))`,
      `CREATE TABLE "subject_redirect" ("subject_kind" varchar NOT NULL, "slug" varchar NOT NULL, "from_id" integer NOT NULL, "into_id" integer NOT NULL, PRIMARY KEY ("subject_kind", "slug"))`,
      `CREATE INDEX "subject_redirect_from" ON "subject_redirect" ("subject_kind", "from_id")`,
      `CREATE INDEX "subject_redirect_into" ON "subject_redirect" ("subject_kind", "into_id")`,
      `CREATE TABLE "suggestion_decision" ("form_key" varchar PRIMARY KEY NOT NULL, "decision" varchar NOT NULL, "subject_kind" varchar, "subject_id" integer, "key_name" varchar NOT NULL, "at" varchar NOT NULL)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['suggestion_decision', 'subject_redirect', 'retired_article', 'link_veto', 'change_entry', 'audit_entry']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query('DROP INDEX "article_updated_at"');
    for (const table of SUBJECT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "edited_at"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
    }
    await queryRunner.query('ALTER TABLE "article_link" DROP COLUMN "editor"');
    await queryRunner.query('ALTER TABLE "article" DROP COLUMN "edited_at"');
    await queryRunner.query('ALTER TABLE "article" DROP COLUMN "version"');
    await queryRunner.query('ALTER TABLE "partner_key" DROP COLUMN "role"');
  }
}
