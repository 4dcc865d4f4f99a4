import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = [
  ['feed_url', 'varchar'],
  ['format', 'varchar'],
  ['last_fetched_at', 'varchar'],
  ['last_error', 'text'],
  ['last_error_at', 'varchar'],
  ['etag', 'varchar'],
  ['last_modified', 'varchar'],
  ['next_fetch_at', 'varchar'],
] as const;

/**
 * Sources that are feeds (ingest/sources.ts): where a source is read from, in what format, what the
 * last fetch found (its time, its error), the validators for a conditional GET, and when it is due
 * again (failures back off). `feed_item` maps each item a feed carried (by GUID, id, link or content
 * hash) to its article, so a re-fetch updates the article and a deleted article stays deleted.
 */
export class FeedSources1765238400000 implements MigrationInterface {
  name = 'FeedSources1765238400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      ...COLUMNS.map(([name, type]) => `ALTER TABLE "source" ADD COLUMN "${name}" ${type}`),
      `ALTER TABLE "source" ADD COLUMN "items_seen" integer NOT NULL DEFAULT (0)`,
      `ALTER TABLE "source" ADD COLUMN "failures" integer NOT NULL DEFAULT (0)`,
      `CREATE UNIQUE INDEX "source_feed_url" ON "source" ("feed_url") `,
      `CREATE TABLE "feed_item" ("source_id" integer NOT NULL, "guid" varchar NOT NULL, "link" varchar, "content_hash" varchar NOT NULL, "article_id" integer, ` +
        `CONSTRAINT "FK_feed_item_source" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE CASCADE, ` +
        `CONSTRAINT "FK_feed_item_article" FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE SET NULL, PRIMARY KEY ("source_id", "guid"))`,
      `CREATE INDEX "feed_item_link" ON "feed_item" ("link")`,
      `CREATE INDEX "feed_item_article" ON "feed_item" ("article_id")`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "feed_item"');
    await queryRunner.query('DROP INDEX "source_feed_url"');
    for (const name of ['failures', 'items_seen', ...COLUMNS.map(([column]) => column)]) await queryRunner.query(`ALTER TABLE "source" DROP COLUMN "${name}"`);
  }
}
