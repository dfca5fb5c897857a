import type { UserCard } from "./records";

/** A user card with what the catalog says about it (null fields when the catalog no longer has the card). */
export interface DescribedCard extends UserCard {
  name: string | null;
  nameFr: string | null;
  setName: string | null;
  number: string | null;
}

export const CARD_SORTS = ["created_at", "name", "number", "set", "acquired_at"] as const;
export type CardSort = (typeof CARD_SORTS)[number];

export interface CardListing {
  name?: string;
  sort: CardSort;
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const text = (v: string | null) => v ?? "";
const byNumber = (a: string | null, b: string | null) => text(a).localeCompare(text(b), "en", { numeric: true });
const COMPARE: Record<CardSort, (a: DescribedCard, b: DescribedCard) => number> = {
  created_at: (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  name: (a, b) => text(a.name).localeCompare(text(b.name), "en", { sensitivity: "base" }) || byNumber(a.number, b.number),
  number: (a, b) => byNumber(a.number, b.number) || a.setId.localeCompare(b.setId),
  set: (a, b) => a.setId.localeCompare(b.setId) || byNumber(a.number, b.number),
  acquired_at: (a, b) => text(a.acquiredAt).localeCompare(text(b.acquiredAt)),
};

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** Filters by name (English or French, case- and accent-insensitive substring), sorts (ties by id), then pages. */
export function listDescribedCards(cards: DescribedCard[], q: CardListing): { items: DescribedCard[]; total: number } {
  const needle = q.name ? fold(q.name.trim()) : "";
  const matching = needle ? cards.filter((c) => [c.name, c.nameFr].some((n) => n !== null && fold(n).includes(needle))) : cards;
  const sign = q.order === "asc" ? 1 : -1;
  const sorted = [...matching].sort((a, b) => sign * (COMPARE[q.sort](a, b) || a.id.localeCompare(b.id)));
  return { items: sorted.slice(q.offset, q.offset + q.limit), total: matching.length };
}
