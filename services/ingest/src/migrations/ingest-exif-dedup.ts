import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The date taken and camera of a photo (EXIF), and one live image per user, bytes and subject type: the same bytes sent again are answered with the
 * existing image (dedup), and two uploads of the same bytes at once cannot both store and analyse them.
 * Expired and failed images leave the index: the same bytes sent after that are stored and analysed again.
 */
export class IngestExifDedup1764870000000 implements MigrationInterface {
  name = "IngestExifDedup1764870000000";

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
    // What a photo's EXIF says of when and with what it was taken (never where: GPS is not kept).
    await q.query(`ALTER TABLE analysis_images ADD COLUMN taken_at text, ADD COLUMN camera_make text, ADD COLUMN camera_model text`);
    await q.query(`
      CREATE UNIQUE INDEX analysis_images_live_sha256_uq ON analysis_images (user_id, sha256, subject_type)
      WHERE status IN ('stored', 'analysed', 'archived')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX analysis_images_live_sha256_uq`);
    await q.query(`ALTER TABLE analysis_images DROP COLUMN taken_at, DROP COLUMN camera_make, DROP COLUMN camera_model`);
  }
}
