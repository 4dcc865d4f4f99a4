import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Channels: named, stored article filters (channel/channel.entity.ts), written from seeds/channels.yaml. */
export class Channels1764547200000 implements MigrationInterface {
  name = 'Channels1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "channel" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "title" varchar NOT NULL, ' +
        '"description" text NOT NULL, "filter" text NOT NULL, CONSTRAINT "UQ_8479b8802f0cd5d60c61a5ad200" UNIQUE ("slug"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "channel"');
  }
}
