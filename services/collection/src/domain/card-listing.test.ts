import { describe, expect, it } from "vitest";
import { listDescribedCards, type CardListing, type DescribedCard } from "./card-listing";

const card = (id: string, name: string | null, nameFr: string | null, setId: string, number: string | null, day: number, acquiredAt: string | null = null): DescribedCard => ({
  id, userId: "u", cardId: `${setId}-${number}`, setId, quantity: 1, condition: "near_mint", pricePaid: null, acquiredAt, notes: null, draftId: null,
  createdAt: new Date(Date.UTC(2026, 0, day)), name, nameFr, setName: setId, number,
});
const cards = [
  card("1", "Pikachu", "Pikachu", "sv1", "25", 1, "2025-05-01"),
  card("2", "Charizard ex", "Dracaufeu ex", "sv3", "125", 3, "2024-01-01"),
  card("3", "Bulbasaur", "Bulbizarre", "sv1", "1", 2),
  card("4", "Éevee", "Évoli", "sv1", "133", 4, "2026-02-02"),
  card("5", null, null, "gone", null, 5),
];
const q = (over: Partial<CardListing>): CardListing => ({ sort: "created_at", order: "desc", offset: 0, limit: 20, ...over });
const ids = (over: Partial<CardListing>) => listDescribedCards(cards, q(over)).items.map((c) => c.id);

describe("listDescribedCards", () => {
  it.each<[string, Partial<CardListing>, string[]]>([
    ["newest first by default", {}, ["5", "4", "2", "3", "1"]],
    ["name ascending, unknown names first", { sort: "name", order: "asc" }, ["5", "3", "2", "4", "1"]],
    ["number in numeric order", { sort: "number", order: "asc" }, ["5", "3", "1", "2", "4"]],
    ["set then number", { sort: "set", order: "asc" }, ["5", "3", "1", "4", "2"]],
    ["acquired_at descending", { sort: "acquired_at", order: "desc" }, ["4", "1", "2", "5", "3"]],
    ["English name, any case", { name: "CHAR" }, ["2"]],
    ["French name", { name: "dracau" }, ["2"]],
    ["accents folded", { name: "evoli" }, ["4"]],
    ["a page", { sort: "number", order: "asc", offset: 2, limit: 2 }, ["1", "2"]],
  ])("%s", (_name, over, expected) => expect(ids(over)).toEqual(expected));

  it("counts every match, not the page", () => {
    expect(listDescribedCards(cards, q({ limit: 1, name: "a" })).total).toBe(3);
  });
});
