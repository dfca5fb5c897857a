import type { MigrationInterface, QueryRunner } from "typeorm";

/** A user an admin disabled (their tokens and keys stop working), and their own quota where an admin set one. */
export class UserAdminColumns1764800000000 implements MigrationInterface {
  name = "UserAdminColumns1764800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN disabled boolean NOT NULL DEFAULT false,
      ADD COLUMN quota_images_per_day integer NULL,
      ADD COLUMN quota_storage_mb integer NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN disabled, DROP COLUMN quota_images_per_day, DROP COLUMN quota_storage_mb`);
  }
}
