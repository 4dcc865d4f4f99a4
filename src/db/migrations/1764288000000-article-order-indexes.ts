import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the exact sort keys of the article orders (see article.query.ts), so a page is read
 * from the index in order instead of sorting the whole list. TypeORM cannot express expression
 * indexes: the entity declares them by name with `synchronize: false`.
 */
export class ArticleOrderIndexes1764288000000 implements MigrationInterface {
  name = 'ArticleOrderIndexes1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "article_order_newest" ON "article" (coalesce("published_at", ''), "id")`);
    await queryRunner.query(`CREATE INDEX "article_order_oldest" ON "article" (coalesce("published_at", '9999-99-99'), "id")`);
    await queryRunner.query(`CREATE INDEX "article_order_title" ON "article" ("title" COLLATE NOCASE, "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['article_order_title', 'article_order_oldest', 'article_order_newest']) await queryRunner.query(`DROP INDEX "${name}"`);
  }
}
