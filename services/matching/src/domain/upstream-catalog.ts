import type { CatalogCard, CatalogSet } from "./catalog";
import { RecordError, date, list, object, optInt, optText, text, type Raw } from "./normalized-catalog";

function optObject(r: Raw, field: string): Raw {
  const v = r[field];
  return v === undefined || v === null ? {} : object(v, field);
}

/** Upstream stores HP as a string (`"230"`); `"None"`, empty or absent is no HP. */
function hp(r: Raw): number | null {
  const v = r.hp;
  if (v === undefined || v === null || v === "" || v === "None") return null;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v !== "string" || !/^\d+$/.test(v.trim())) throw new RecordError("hp", `expected a number as a string, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** A set of upstream pokemon-tcg-data `sets/en.json` (English names only, release date `YYYY/MM/DD`). */
export function parseUpstreamSet(raw: unknown): CatalogSet {
  const r = object(raw);
  return {
    id: text(r, "id"),
    nameEn: text(r, "name"),
    nameFr: null,
    series: optText(r, "series"),
    printedTotal: optInt(r, "printedTotal"),
    total: optInt(r, "total"),
    releaseDate: date(r, "releaseDate"),
    ptcgoCode: optText(r, "ptcgoCode"),
    abbreviationFr: null,
    tcgdexId: null,
  };
}

/** A card of upstream `cards/en/<setId>.json`; the set comes from the file. */
export function parseUpstreamCard(raw: unknown, setId: string): CatalogCard {
  const r = object(raw);
  const images = optObject(r, "images");
  return {
    id: text(r, "id"),
    setId,
    number: text(r, "number"),
    nameEn: text(r, "name"),
    nameFr: null,
    supertype: optText(r, "supertype"),
    subtypes: list(r, "subtypes", "string"),
    hp: hp(r),
    types: list(r, "types", "string"),
    artist: optText(r, "artist"),
    rarity: optText(r, "rarity"),
    regulationMark: optText(r, "regulationMark"),
    nationalPokedexNumbers: list(r, "nationalPokedexNumbers", "number"),
    imageSmall: optText(images, "small"),
    imageLarge: optText(images, "large"),
    tcgdexId: null,
  };
}
