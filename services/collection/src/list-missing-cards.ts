import { notFound, type MissingCardsParams, type MissingCardsView } from "@poke-ventory/contracts";
import type { Catalog, CollectionRepository } from "./ports";

/** The set's catalog cards the user owns none of, in collector-number order (secret rares included). */
export async function listMissingCards(repo: CollectionRepository, catalog: Catalog, p: MissingCardsParams): Promise<MissingCardsView> {
  const set = await catalog.setCards(p.setId);
  if (!set) throw notFound(`Set ${p.setId}`);
  const owned = new Set((await repo.listAllUserCards(p.userId, { setId: p.setId })).map((c) => c.cardId));
  const missing = set.cards
    .filter((c) => !owned.has(c.id))
    .sort((a, b) => a.number.localeCompare(b.number, "en", { numeric: true }))
    .map((c) => ({ card_id: c.id, number: c.number, name: c.name, name_fr: c.nameFr, rarity: c.rarity }));
  return { set_id: set.id, missing };
}
