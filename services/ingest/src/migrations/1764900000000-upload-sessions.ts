import type { MigrationInterface, QueryRunner } from "typeorm";

/** `upload_sessions`: presigned direct uploads (pending → uploaded → completed | rejected | expired). */
export class UploadSessions1764900000000 implements MigrationInterface {
  name = "UploadSessions1764900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE upload_sessions (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'uploaded', 'completed', 'rejected', 'expired')),
        object_key text NOT NULL,
        filename text NOT NULL,
        size_bytes integer NOT NULL,
        content_type text NOT NULL,
        sha256 text,
        batch_id uuid,
        image_id uuid,
        failure_reason text,
        completing_until timestamptz,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX upload_sessions_open_expiry_idx ON upload_sessions (expires_at) WHERE status IN ('pending', 'uploaded')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE upload_sessions`);
  }
}
