import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many distinct articles article_link holds, as a share of its rows: about one in ten (an article has a few links
 * of each kind). ANALYZE's sample guesses far fewer (150,000 of 1,000,000 articles), so the planner expects 60 links
 * per article where there are 9, and for the subjects of a page of 20 articles hashes the whole place or person table
 * (5,000 rows, 2 to 3 ms) instead of looking up their 40 links' subjects by key (0.5 ms). A fixed share stays right as
 * the table grows.
 */
export class LinkStatistics1765584000000 implements MigrationInterface {
  name = 'LinkStatistics1765584000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE article_link ALTER COLUMN article_id SET (n_distinct = -0.1)');
    await queryRunner.query('ANALYZE article_link');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE article_link ALTER COLUMN article_id RESET (n_distinct)');
  }
}
