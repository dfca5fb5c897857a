import { TCGDEX_ID_PREFIX, type CatalogCard, type CatalogSet } from "./catalog";

/** A record of the normalized catalog format has a bad or missing field. */
export class RecordError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`field "${field}": ${message}`);
    this.name = "RecordError";
  }
}

/** A JSON record being validated. */
export type Raw = Record<string, unknown>;

/** Field readers shared by the catalog formats: each throws a `RecordError` naming the field. */
export function object(raw: unknown, field = "(record)"): Raw {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new RecordError(field, "expected an object");
  return raw as Raw;
}
export function text(r: Raw, field: string): string {
  const v = r[field];
  if (typeof v !== "string" || v.trim() === "") throw new RecordError(field, "expected a non-empty string");
  return v;
}
export function optText(r: Raw, field: string): string | null {
  const v = r[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new RecordError(field, "expected a string or null");
  return v === "" ? null : v;
}
export function optInt(r: Raw, field: string): number | null {
  const v = r[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new RecordError(field, "expected an integer or null");
  return v;
}
export function list<T extends "string" | "number">(r: Raw, field: string, kind: T): (T extends "string" ? string : number)[] {
  const v = r[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== kind)) throw new RecordError(field, `expected a list of ${kind}s`);
  return v as never;
}
function names(r: Raw): { en: string | null; fr: string | null } {
  const n = r.names === undefined ? {} : object(r.names, "names");
  return { en: optText(n, "en"), fr: optText(n, "fr") };
}
export function date(r: Raw, field: string): string | null {
  const v = optText(r, field);
  if (v === null) return null;
  const iso = v.replace(/\//g, "-");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RecordError(field, `expected YYYY-MM-DD, got "${v}"`);
  return iso;
}
const supertype = (category: string | null) => (category === "Pokemon" ? "Pokémon" : category);

/** A set of `sets.json` (pokemontcg.io). */
export function parseSetRecord(raw: unknown): CatalogSet {
  const r = object(raw);
  const n = names(r);
  return {
    id: text(r, "id"),
    nameEn: n.en ?? text(r, "name"),
    nameFr: n.fr,
    series: optText(r, "series"),
    printedTotal: optInt(r, "printedTotal"),
    total: optInt(r, "total"),
    releaseDate: date(r, "releaseDate"),
    ptcgoCode: optText(r, "ptcgoCode"),
    abbreviationFr: optText(r, "abbreviationFr"),
    tcgdexId: optText(r, "tcgdexId"),
  };
}

/** A card of `cards.jsonl` (pokemontcg.io). */
export function parseCardRecord(raw: unknown): CatalogCard {
  const r = object(raw);
  const n = names(r);
  return {
    id: text(r, "id"),
    setId: text(r, "setId"),
    number: text(r, "number"),
    nameEn: n.en ?? text(r, "name"),
    nameFr: n.fr,
    supertype: optText(r, "supertype"),
    subtypes: list(r, "subtypes", "string"),
    hp: optInt(r, "hp"),
    types: list(r, "types", "string"),
    artist: optText(r, "artist"),
    rarity: optText(r, "rarity"),
    regulationMark: optText(r, "regulationMark"),
    nationalPokedexNumbers: list(r, "nationalPokedexNumbers", "number"),
    imageSmall: optText(r, "imageSmall"),
    imageLarge: optText(r, "imageLarge"),
    tcgdexId: optText(r, "tcgdexId"),
  };
}

/** A set of `tcgdex-only-sets.json`: id `tcgdex:<tcgdexId>`, the official count as printed total. */
export function parseTcgdexSetRecord(raw: unknown): CatalogSet {
  const r = object(raw);
  const tcgdexId = text(r, "tcgdexId");
  const n = names(r);
  if (!n.en && !n.fr) throw new RecordError("names", "expected an English or French name");
  return {
    id: `${TCGDEX_ID_PREFIX}${tcgdexId}`,
    nameEn: n.en,
    nameFr: n.fr,
    series: optText(r, "series"),
    printedTotal: optInt(r, "officialCount"),
    total: optInt(r, "cardsInSource"),
    releaseDate: date(r, "releaseDate"),
    ptcgoCode: optText(r, "abbreviation"),
    abbreviationFr: null,
    tcgdexId,
  };
}

/** A card of `tcgdex-only-cards.jsonl`: id `tcgdex:<tcgdexId>` in set `tcgdex:<tcgdexSetId>`, no images. */
export function parseTcgdexCardRecord(raw: unknown): CatalogCard {
  const r = object(raw);
  const tcgdexId = text(r, "tcgdexId");
  const n = names(r);
  const name = text(r, "name");
  return {
    id: `${TCGDEX_ID_PREFIX}${tcgdexId}`,
    setId: `${TCGDEX_ID_PREFIX}${text(r, "tcgdexSetId")}`,
    number: text(r, "number"),
    nameEn: n.en ?? (n.fr ? null : name),
    nameFr: n.fr,
    supertype: supertype(optText(r, "category")),
    subtypes: [],
    hp: optInt(r, "hp"),
    types: list(r, "types", "string"),
    artist: optText(r, "artist"),
    rarity: optText(r, "rarity"),
    regulationMark: optText(r, "regulationMark"),
    nationalPokedexNumbers: list(r, "nationalPokedexNumbers", "number"),
    imageSmall: null,
    imageLarge: null,
    tcgdexId,
  };
}
