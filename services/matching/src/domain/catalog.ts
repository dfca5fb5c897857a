/** One set of the catalog (pokemontcg.io id, or `tcgdex:<tcgdexSetId>` for TCGdex-only sets). */
export interface CatalogSet {
  id: string;
  nameEn: string | null;
  nameFr: string | null;
  series: string | null;
  /** The number printed after the slash on the set's cards (`191` for `248/191`). */
  printedTotal: number | null;
  /** Cards in the set, secret rares included. */
  total: number | null;
  /** ISO `YYYY-MM-DD`. */
  releaseDate: string | null;
  ptcgoCode: string | null;
  /** Set code printed on French cards (`EAP` where English cards print `PAL`). */
  abbreviationFr: string | null;
  tcgdexId: string | null;
}

/** One card of the catalog (pokemontcg.io id, or `tcgdex:<tcgdexId>` for TCGdex-only cards). */
export interface CatalogCard {
  id: string;
  setId: string;
  /** Collector number as printed / as in the source: `51`, `TG05`, `SWSH050`, `60a`. */
  number: string;
  nameEn: string | null;
  nameFr: string | null;
  supertype: string | null;
  subtypes: string[];
  hp: number | null;
  types: string[];
  artist: string | null;
  rarity: string | null;
  regulationMark: string | null;
  nationalPokedexNumbers: number[];
  imageSmall: string | null;
  imageLarge: string | null;
  tcgdexId: string | null;
}

/** A whole catalog as read from a source. */
export interface CatalogRecords {
  sets: CatalogSet[];
  cards: CatalogCard[];
}

/** Black-star promos (and other promo sets) print their number alone, never over a total (`SWSH179`, `SVP 045`). */
export const isPromoSet = (set: Pick<CatalogSet, "nameEn">): boolean => /promo/i.test(set.nameEn ?? "");

/** Prefix of ids for sets and cards that exist only in TCGdex (no pokemontcg.io id). */
export const TCGDEX_ID_PREFIX = "tcgdex:";

/** The display name: English when known, French otherwise. */
export const displayName = (item: { nameEn: string | null; nameFr: string | null }): string =>
  item.nameEn ?? item.nameFr ?? "";
