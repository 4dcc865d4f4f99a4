import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLinkAggregates, dropLinkAggregates, rebuildLinkAggregates } from '../link-aggregates';

/** The co-occurrence aggregates (see db/link-aggregates.ts), filled from the links already stored. */
export class LinkAggregates1764460800000 implements MigrationInterface {
  name = 'LinkAggregates1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...createLinkAggregates, ...rebuildLinkAggregates]) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of dropLinkAggregates) await queryRunner.query(statement);
  }
}
