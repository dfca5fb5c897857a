import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One live image per user, bytes and subject type: the same bytes sent again are answered with the
 * existing image (dedup), and two uploads of the same bytes at once cannot both store and analyse them.
 * Expired and failed images leave the index: the same bytes sent after that are stored and analysed again.
 */
export class IngestDedup1764870000000 implements MigrationInterface {
  name = "IngestDedup1764870000000";

  async up(q: QueryRunner): Promise<void> {
    // Live duplicates stored before this index: keep the newest, hand the others to the sweeper (which deletes
    // their bytes): `failed` leaves the index, `expires_at` now makes them due.
    await q.query(`
      UPDATE analysis_images SET status = 'failed', failure_reason = 'a duplicate of a newer upload', expires_at = now()
      WHERE status IN ('stored', 'analysed', 'archived') AND id NOT IN (
        SELECT DISTINCT ON (user_id, sha256, subject_type) id FROM analysis_images
        WHERE status IN ('stored', 'analysed', 'archived')
        ORDER BY user_id, sha256, subject_type, created_at DESC, id DESC
      )`);
    await q.query(`
      CREATE UNIQUE INDEX analysis_images_live_sha256_uq ON analysis_images (user_id, sha256, subject_type)
      WHERE status IN ('stored', 'analysed', 'archived')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX analysis_images_live_sha256_uq`);
  }
}
