import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner API keys (see partner/keys.ts). Only the SHA-256 of a secret is stored, never the secret;
 * `prefix` is its first characters, unique, shown in listings and used to find the row to compare.
 */
export class PartnerKeys1764633600000 implements MigrationInterface {
  name = 'PartnerKeys1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "partner_key" (` +
        `"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ` +
        `"name" varchar NOT NULL, ` +
        `"prefix" varchar NOT NULL, ` +
        `"hash" varchar NOT NULL, ` +
        `"origins" text NOT NULL, ` +
        `"trusted_only" boolean NOT NULL DEFAULT (0) CHECK ("trusted_only" IN (0, 1)), ` +
        `"budget" integer NOT NULL CHECK ("budget" > 0), ` +
        `"window_seconds" integer NOT NULL CHECK ("window_seconds" > 0), ` +
        `"created_at" varchar NOT NULL, ` +
        `"revoked_at" varchar, ` +
        `CONSTRAINT "UQ_partner_key_prefix" UNIQUE ("prefix"), ` +
        `CONSTRAINT "UQ_partner_key_hash" UNIQUE ("hash"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "partner_key"`);
  }
}
