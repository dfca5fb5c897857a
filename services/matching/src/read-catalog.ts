import { notFound, type CatalogCardView, type CatalogSetView } from "@poke-ventory/contracts";
import type { CatalogIndex } from "./catalog-index";
import { toCardView, toSetView } from "./catalog-views";

/**
 * Cards a master set of `setId` tracks: every card of the set in the catalog, secret rares and
 * other cards numbered above the printed total included (sv3pt5 prints `/165` and tracks 207).
 */
export function trackedCardCount(index: CatalogIndex, setId: string): number {
  if (!index.set(setId)) throw notFound(`Set ${setId}`);
  return index.cardsOfSet(setId).length;
}

/** Every set, newest first. */
export function listSets(index: CatalogIndex): CatalogSetView[] {
  return index.sets.map((s) => toSetView(s, index.cardsOfSet(s.id).length));
}

/** One set with its cards in collector-number order. */
export function getSet(index: CatalogIndex, id: string, assetBaseUrl?: string): CatalogSetView & { cards: CatalogCardView[] } {
  const set = index.set(id);
  if (!set) throw notFound(`Set ${id}`);
  const cards = [...index.cardsOfSet(id)].sort((a, b) => a.card.number.localeCompare(b.card.number, "en", { numeric: true }));
  return { ...toSetView(set, cards.length), cards: cards.map((e) => toCardView(e.card, assetBaseUrl)) };
}

export function getCard(index: CatalogIndex, id: string, assetBaseUrl?: string): CatalogCardView {
  const entry = index.card(id);
  if (!entry) throw notFound(`Card ${id}`);
  return toCardView(entry.card, assetBaseUrl);
}
