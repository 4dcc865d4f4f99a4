import type { MigrationInterface, QueryRunner } from 'typeorm';
import { countArticlesAfter, createTimelineTable, TIMELINE_TABLE } from '../../timeline/timeline.counts';

/** The timeline aggregate (see timeline/timeline.counts.ts), filled from the articles already stored. */
export class TimelineCounts1764374400000 implements MigrationInterface {
  name = 'TimelineCounts1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(createTimelineTable);
    await queryRunner.query(countArticlesAfter, [0, 0]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${TIMELINE_TABLE}"`);
  }
}
