import type { Candidate, CatalogCardView, CatalogSetView } from "@poke-ventory/contracts";
import { displayName, type CatalogCard, type CatalogSet } from "./domain/catalog";
import type { IndexedCard } from "./catalog-index";

/** The card's image URL, or the same path under `CARD_ASSET_BASE_URL` when one is configured. */
export function imageUrl(url: string | null, assetBaseUrl?: string): string | null {
  if (!url || !assetBaseUrl) return url;
  return `${assetBaseUrl.replace(/\/+$/, "")}${new URL(url).pathname}`;
}

export function toSetView(set: CatalogSet, trackedCardCount: number): CatalogSetView {
  return {
    id: set.id,
    name: displayName(set),
    name_fr: set.nameFr,
    series: set.series,
    printed_total: set.printedTotal,
    total: set.total,
    release_date: set.releaseDate,
    ptcgo_code: set.ptcgoCode,
    tracked_card_count: trackedCardCount,
  };
}

export function toCardView(card: CatalogCard, assetBaseUrl?: string): CatalogCardView {
  return {
    id: card.id,
    set_id: card.setId,
    number: card.number,
    name: displayName(card),
    name_fr: card.nameFr,
    supertype: card.supertype,
    subtypes: card.subtypes,
    hp: card.hp,
    types: card.types,
    artist: card.artist,
    rarity: card.rarity,
    regulation_mark: card.regulationMark,
    image_small: imageUrl(card.imageSmall, assetBaseUrl),
    image_large: imageUrl(card.imageLarge, assetBaseUrl),
  };
}

export function toCandidate({ card, set }: IndexedCard, { score, reasons }: { score: number; reasons: string[] }, assetBaseUrl?: string): Candidate {
  return {
    cardId: card.id,
    name: displayName(card),
    names: { en: card.nameEn, fr: card.nameFr },
    setId: set.id,
    setName: displayName(set),
    number: card.number,
    score,
    reasons,
    imageUrl: imageUrl(card.imageSmall, assetBaseUrl),
  };
}
