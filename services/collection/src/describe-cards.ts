import type { MasterSetRecount } from "./ports";
import type { Catalog } from "./ports";
import type { DescribedCard } from "./domain/card-listing";
import type { UserCard } from "./domain/records";
import { setCompletion } from "./domain/set-completion";

/** The user's cards with their catalog names and numbers (one catalog read per set). */
export async function describeCards(catalog: Catalog, cards: UserCard[]): Promise<DescribedCard[]> {
  const sets = new Map(await Promise.all([...new Set(cards.map((c) => c.setId))].map(async (id) => [id, await catalog.setCards(id)] as const)));
  return cards.map((c) => {
    const set = sets.get(c.setId);
    const info = set?.cards.find((k) => k.id === c.cardId);
    return { ...c, name: info?.name ?? null, nameFr: info?.nameFr ?? null, setName: set?.name ?? null, number: info?.number ?? null };
  });
}

/** What recounting these sets needs: each set's tracked cards from the catalog (0 for a set it no longer has). */
export async function recountFor(catalog: Catalog, setIds: string[], now: Date): Promise<MasterSetRecount> {
  const counts = await Promise.all([...new Set(setIds)].map(async (id) => [id, (await catalog.setCards(id))?.cards.length ?? 0] as const));
  return { trackedCardCount: new Map(counts), completion: setCompletion, now };
}
