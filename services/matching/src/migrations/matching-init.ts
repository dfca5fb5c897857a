import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The catalog tables. `IF NOT EXISTS` because the catalog CLI and the embedded app may record
 * migrations in different tables of one database.
 */
export class MatchingInit1700000000300 implements MigrationInterface {
  name = "MatchingInit1700000000300";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS sets (
        id text PRIMARY KEY,
        name_en text,
        name_fr text,
        series text,
        printed_total integer,
        total integer,
        release_date date,
        ptcgo_code text,
        abbreviation_fr text,
        tcgdex_id text
      )`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS cards (
        id text PRIMARY KEY,
        set_id text NOT NULL REFERENCES sets(id),
        number text NOT NULL,
        name_en text,
        name_fr text,
        supertype text,
        subtypes jsonb NOT NULL DEFAULT '[]',
        hp integer,
        types jsonb NOT NULL DEFAULT '[]',
        artist text,
        rarity text,
        regulation_mark text,
        national_pokedex_numbers jsonb NOT NULL DEFAULT '[]',
        image_small text,
        image_large text,
        tcgdex_id text
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS cards_set_id_idx ON cards (set_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cards`);
    await q.query(`DROP TABLE IF EXISTS sets`);
  }
}
