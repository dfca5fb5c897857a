import type { CardFeatures } from "@poke-ventory/contracts";
import type { CatalogIndex, IndexedCard } from "../src/catalog-index";
import { isPromoSet } from "../src/domain/catalog";

/** Whether every card of the set carries the same letter prefix (`TG`, `GG`, `SV`), so the total prints it too. */
function sharedPrefix(index: CatalogIndex, entry: IndexedCard): string | null {
  const prefix = /^[A-Z]+(?=\d)/.exec(entry.card.number)?.[0];
  if (!prefix) return null;
  return index.cardsOfSet(entry.set.id).every((e) => e.card.number.startsWith(prefix)) ? prefix : null;
}

/**
 * The collector number and total as a card prints them: `006` + `165`, `TG05` + `TG30`, `GG10` +
 * `GG70`; promos and cards of mixed numbering (`H1`, `RC5`, `SWSH050`) print their number alone.
 */
export function printedNumber(index: CatalogIndex, entry: IndexedCard): { number: string; printedTotal: string | null } {
  const { number } = entry.card;
  const total = entry.set.printedTotal;
  if (total === null || isPromoSet(entry.set)) return { number, printedTotal: null };
  if (/^\d+$/.test(number)) {
    const width = Math.max(3, String(total).length);
    return { number: number.padStart(width, "0"), printedTotal: String(total).padStart(3, "0") };
  }
  const prefix = sharedPrefix(index, entry);
  return prefix ? { number, printedTotal: `${prefix}${total}` } : { number, printedTotal: null };
}

/** Every field a card prints, exactly, in the language asked (English when the card has no French name). */
export function printedFeatures(index: CatalogIndex, entry: IndexedCard, lang: "en" | "fr" = "en", name?: string): CardFeatures {
  const { card } = entry;
  const printedName = name ?? (lang === "fr" && card.nameFr ? card.nameFr : (card.nameEn ?? card.nameFr));
  return {
    name: printedName,
    hp: card.hp,
    ...printedNumber(index, entry),
    setCode: null,
    regulationMark: card.regulationMark,
    illustrator: card.artist,
    year: null,
    rawText: "",
    confidence: 1,
  };
}
