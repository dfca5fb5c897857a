import { EntitySchema } from "typeorm";

/** Row of `cards`: one catalog card (one printing). */
export interface CardRow {
  id: string;
  set_id: string;
  number: string;
  name_en: string | null;
  name_fr: string | null;
  supertype: string | null;
  subtypes: string[];
  hp: number | null;
  types: string[];
  artist: string | null;
  rarity: string | null;
  regulation_mark: string | null;
  national_pokedex_numbers: number[];
  image_small: string | null;
  image_large: string | null;
  tcgdex_id: string | null;
}

export const CardEntity = new EntitySchema<CardRow>({
  name: "CatalogCard",
  tableName: "cards",
  columns: {
    id: { type: "text", primary: true },
    set_id: { type: "text" },
    number: { type: "text" },
    name_en: { type: "text", nullable: true },
    name_fr: { type: "text", nullable: true },
    supertype: { type: "text", nullable: true },
    subtypes: { type: "jsonb", default: () => "'[]'" },
    hp: { type: "integer", nullable: true },
    types: { type: "jsonb", default: () => "'[]'" },
    artist: { type: "text", nullable: true },
    rarity: { type: "text", nullable: true },
    regulation_mark: { type: "text", nullable: true },
    national_pokedex_numbers: { type: "jsonb", default: () => "'[]'" },
    image_small: { type: "text", nullable: true },
    image_large: { type: "text", nullable: true },
    tcgdex_id: { type: "text", nullable: true },
  },
  indices: [{ name: "cards_set_id_idx", columns: ["set_id"] }],
});
