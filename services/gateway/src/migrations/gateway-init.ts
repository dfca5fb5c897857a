import type { MigrationInterface, QueryRunner } from "typeorm";

export class GatewayInit1763769600000 implements MigrationInterface {
  name = "GatewayInit1763769600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY,
      email varchar(320) NOT NULL UNIQUE,
      password_hash varchar(255) NOT NULL,
      created_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
  }
}
