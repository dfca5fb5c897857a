import type { MigrationInterface, QueryRunner } from "typeorm";

export class CollectionInit1700000500000 implements MigrationInterface {
  name = "CollectionInit1700000500000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE card_drafts (
        id uuid PRIMARY KEY,
        batch_id text NOT NULL,
        image_id text NOT NULL,
        user_id text NOT NULL,
        card_index integer NOT NULL,
        status text NOT NULL CHECK (status IN ('awaiting_validation', 'validated')),
        subject_type text NOT NULL,
        candidates jsonb NOT NULL,
        top_candidate_id text,
        detected_metadata jsonb NOT NULL,
        selected_card_id text,
        created_at timestamptz NOT NULL,
        validated_at timestamptz,
        CONSTRAINT uq_card_drafts_image_card UNIQUE (image_id, card_index)
      )`);
    await q.query(`CREATE INDEX ix_card_drafts_user_batch ON card_drafts (user_id, batch_id)`);
    await q.query(`
      CREATE TABLE user_cards (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        card_id text NOT NULL,
        set_id text NOT NULL,
        quantity integer NOT NULL CHECK (quantity >= 1),
        condition text NOT NULL,
        price_paid numeric(12, 2) CHECK (price_paid >= 0),
        acquired_at date,
        notes text,
        draft_id uuid UNIQUE REFERENCES card_drafts (id),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_user_cards_user_created ON user_cards (user_id, created_at)`);
    await q.query(`CREATE INDEX ix_user_cards_user_set ON user_cards (user_id, set_id)`);
    await q.query(`
      CREATE TABLE user_master_sets (
        user_id text NOT NULL,
        set_id text NOT NULL,
        owned_card_count integer NOT NULL,
        tracked_card_count integer NOT NULL,
        completion_rate numeric(5, 4) NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, set_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_master_sets`);
    await q.query(`DROP TABLE user_cards`);
    await q.query(`DROP TABLE card_drafts`);
  }
}
