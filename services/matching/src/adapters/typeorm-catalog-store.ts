import type { DataSource, EntityManager } from "typeorm";
import type { CatalogCard, CatalogRecords, CatalogSet } from "../domain/catalog";
import type { CatalogStore, ProgressListener } from "../ports";

const SET_COLUMNS = ["id", "name_en", "name_fr", "series", "printed_total", "total", "release_date", "ptcgo_code", "abbreviation_fr", "tcgdex_id"];
const CARD_COLUMNS = [
  "id", "set_id", "number", "name_en", "name_fr", "supertype", "subtypes", "hp", "types", "artist", "rarity",
  "regulation_mark", "national_pokedex_numbers", "image_small", "image_large", "tcgdex_id",
];
/** Rows per statement: each batch travels as one JSON parameter, which PGlite parses far faster than thousands of parameters. */
const BATCH = 2000;

const setRow = (s: CatalogSet) => ({
  id: s.id, name_en: s.nameEn, name_fr: s.nameFr, series: s.series, printed_total: s.printedTotal, total: s.total,
  release_date: s.releaseDate, ptcgo_code: s.ptcgoCode, abbreviation_fr: s.abbreviationFr, tcgdex_id: s.tcgdexId,
});
const cardRow = (c: CatalogCard) => ({
  id: c.id, set_id: c.setId, number: c.number, name_en: c.nameEn, name_fr: c.nameFr, supertype: c.supertype,
  subtypes: c.subtypes, hp: c.hp, types: c.types, artist: c.artist, rarity: c.rarity, regulation_mark: c.regulationMark,
  national_pokedex_numbers: c.nationalPokedexNumbers, image_small: c.imageSmall, image_large: c.imageLarge, tcgdex_id: c.tcgdexId,
});

function upsertSql(table: string, columns: string[]): string {
  const list = columns.join(", ");
  const updates = columns.filter((c) => c !== "id").map((c) => `${c} = EXCLUDED.${c}`);
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ON CONFLICT (id) DO UPDATE SET ${updates.join(", ")}`;
}

async function upsertAll<T>(m: EntityManager, table: string, columns: string[], items: T[], row: (t: T) => object, done: (n: number) => void) {
  const sql = upsertSql(table, columns);
  for (let i = 0; i < items.length; i += BATCH) {
    const chunk = items.slice(i, i + BATCH);
    await m.query(sql, [JSON.stringify(chunk.map(row))]);
    done(chunk.length);
  }
}

interface SetSelect { id: string; name_en: string | null; name_fr: string | null; series: string | null; printed_total: number | null; total: number | null; release_date: string | null; ptcgo_code: string | null; abbreviation_fr: string | null; tcgdex_id: string | null }
type CardSelect = Record<(typeof CARD_COLUMNS)[number], unknown>;

/** The catalog tables on PostgreSQL or PGlite, written with batched `INSERT … ON CONFLICT` in one transaction. */
export class TypeormCatalogStore implements CatalogStore {
  constructor(private readonly ds: DataSource) {}

  async upsert(records: CatalogRecords, onProgress?: ProgressListener): Promise<void> {
    const total = records.cards.length;
    let written = 0;
    await this.ds.transaction(async (m) => {
      await upsertAll(m, "sets", SET_COLUMNS, records.sets, setRow, () => undefined);
      await upsertAll(m, "cards", CARD_COLUMNS, records.cards, cardRow, (n) => onProgress?.((written += n), total));
    });
  }

  async loadAll(): Promise<CatalogRecords> {
    const sets: SetSelect[] = await this.ds.query(
      `SELECT id, name_en, name_fr, series, printed_total, total, release_date::text AS release_date, ptcgo_code, abbreviation_fr, tcgdex_id FROM sets`,
    );
    const cards: CardSelect[] = await this.ds.query(`SELECT ${CARD_COLUMNS.join(", ")} FROM cards`);
    return {
      sets: sets.map((s) => ({
        id: s.id, nameEn: s.name_en, nameFr: s.name_fr, series: s.series, printedTotal: s.printed_total, total: s.total,
        releaseDate: s.release_date, ptcgoCode: s.ptcgo_code, abbreviationFr: s.abbreviation_fr, tcgdexId: s.tcgdex_id,
      })),
      cards: cards.map((c) => ({
        id: c.id as string, setId: c.set_id as string, number: c.number as string, nameEn: c.name_en as string | null,
        nameFr: c.name_fr as string | null, supertype: c.supertype as string | null, subtypes: c.subtypes as string[],
        hp: c.hp as number | null, types: c.types as string[], artist: c.artist as string | null, rarity: c.rarity as string | null,
        regulationMark: c.regulation_mark as string | null, nationalPokedexNumbers: c.national_pokedex_numbers as number[],
        imageSmall: c.image_small as string | null, imageLarge: c.image_large as string | null, tcgdexId: c.tcgdex_id as string | null,
      })),
    };
  }

  async counts(): Promise<{ sets: number; cards: number }> {
    const [row] = await this.ds.query(`SELECT (SELECT count(*) FROM sets)::int AS sets, (SELECT count(*) FROM cards)::int AS cards`);
    return { sets: Number(row.sets), cards: Number(row.cards) };
  }

  async ping(): Promise<void> {
    await this.ds.query("SELECT 1");
  }
}
