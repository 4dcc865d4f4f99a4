import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The triggers that log article and link writes; a deferred bulk load drops them with the indexes (ingest/bulk.ts). */
export const ARTICLE_CHANGE_TRIGGER_PREFIX = 'article_change_';

/**
 * The log the readers' article indexes follow (db/sqlite/article-index.ts): one row per article
 * whose date, kind or links a write changed. `article_id` 0 says a subject tree changed (a parent
 * moved, a subject came or went); NULL says rebuild everything (a bulk load that ran without these
 * triggers writes it when it finishes). The log prunes itself to its last 100,000 rows: a reader
 * that fell further behind sees the gap and rebuilds.
 */
export class ArticleChangeLog1764806400000 implements MigrationInterface {
  name = 'ArticleChangeLog1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const log = (id: string) => `INSERT INTO article_change (article_id) VALUES (${id});`;
    const statements = [
      'CREATE TABLE "article_change" ("seq" integer PRIMARY KEY AUTOINCREMENT, "article_id" integer)',
      `CREATE TRIGGER article_change_article_insert AFTER INSERT ON article BEGIN ${log('new.id')} END`,
      `CREATE TRIGGER article_change_article_delete AFTER DELETE ON article BEGIN ${log('old.id')} END`,
      `CREATE TRIGGER article_change_article_update AFTER UPDATE OF id, published_at, kind ON article BEGIN ${log('old.id')} ` +
        `INSERT INTO article_change (article_id) SELECT new.id WHERE new.id <> old.id; END`,
      `CREATE TRIGGER article_change_link_insert AFTER INSERT ON article_link BEGIN ${log('new.article_id')} END`,
      `CREATE TRIGGER article_change_link_delete AFTER DELETE ON article_link BEGIN ${log('old.article_id')} END`,
      `CREATE TRIGGER article_change_link_update AFTER UPDATE OF article_id, subject_kind, subject_id ON article_link BEGIN ${log('old.article_id')} ` +
        'INSERT INTO article_change (article_id) SELECT new.article_id WHERE new.article_id <> old.article_id; END',
      ...['topic', 'place'].flatMap((table) => [
        `CREATE TRIGGER tree_change_${table}_insert AFTER INSERT ON ${table} BEGIN ${log('0')} END`,
        `CREATE TRIGGER tree_change_${table}_delete AFTER DELETE ON ${table} BEGIN ${log('0')} END`,
        `CREATE TRIGGER tree_change_${table}_update AFTER UPDATE OF id, parent_id ON ${table} BEGIN ${log('0')} END`,
      ]),
      'CREATE TRIGGER change_log_prune AFTER INSERT ON article_change WHEN new.seq % 1000 = 0 BEGIN DELETE FROM article_change WHERE seq <= new.seq - 100000; END',
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const triggers = (await queryRunner.query(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '${ARTICLE_CHANGE_TRIGGER_PREFIX}%' OR name LIKE 'tree_change_%')`,
    )) as { name: string }[];
    for (const { name } of triggers) await queryRunner.query(`DROP TRIGGER "${name}"`);
    await queryRunner.query('DROP TABLE "article_change"');
  }
}
