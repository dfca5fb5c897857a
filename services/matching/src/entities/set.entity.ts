import { EntitySchema } from "typeorm";

/** Row of `sets`: one catalog set. */
export interface SetRow {
  id: string;
  name_en: string | null;
  name_fr: string | null;
  series: string | null;
  printed_total: number | null;
  total: number | null;
  release_date: string | null;
  ptcgo_code: string | null;
  abbreviation_fr: string | null;
  tcgdex_id: string | null;
}

export const SetEntity = new EntitySchema<SetRow>({
  name: "CatalogSet",
  tableName: "sets",
  columns: {
    id: { type: "text", primary: true },
    name_en: { type: "text", nullable: true },
    name_fr: { type: "text", nullable: true },
    series: { type: "text", nullable: true },
    printed_total: { type: "integer", nullable: true },
    total: { type: "integer", nullable: true },
    release_date: { type: "date", nullable: true },
    ptcgo_code: { type: "text", nullable: true },
    abbreviation_fr: { type: "text", nullable: true },
    tcgdex_id: { type: "text", nullable: true },
  },
});
