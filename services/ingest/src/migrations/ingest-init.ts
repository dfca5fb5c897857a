import type { MigrationInterface, QueryRunner } from "typeorm";

/** `import_batches` and `analysis_images`. */
export class IngestInit1763770000000 implements MigrationInterface {
  name = "IngestInit1763770000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_batches (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        subject_type text NOT NULL CHECK (subject_type IN ('cards', 'sealed')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX import_batches_user_id_idx ON import_batches (user_id)`);
    await q.query(`
      CREATE TABLE analysis_images (
        id uuid PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        object_key text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        sha256 text NOT NULL,
        original_filename text,
        subject_type text NOT NULL CHECK (subject_type IN ('cards', 'sealed')),
        status text NOT NULL CHECK (status IN ('stored', 'analysed', 'failed', 'archived', 'expired')),
        cards_found integer,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        analysed_at timestamptz,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX analysis_images_batch_id_idx ON analysis_images (batch_id, created_at)`);
    await q.query(`CREATE INDEX analysis_images_user_sha256_idx ON analysis_images (user_id, sha256)`);
    await q.query(`CREATE INDEX analysis_images_live_expiry_idx ON analysis_images (expires_at) WHERE status <> 'expired'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE analysis_images`);
    await q.query(`DROP TABLE import_batches`);
  }
}
