import type { Context } from "moleculer";
import { Actions, type CatalogCardView, type CatalogSetView, type GetCatalogItemParams, type TrackedCardCountParams } from "@poke-ventory/contracts";
import type { Catalog, CatalogCard, CatalogSetCards } from "../ports";

const isNotFound = (err: unknown) => (err as { type?: unknown })?.type === "NOT_FOUND";

/** The catalog through matching's actions, called from the current context so the trace continues. One per call: sets are cached. */
export class MoleculerCatalog implements Catalog {
  private readonly sets = new Map<string, Promise<CatalogSetCards | null>>();

  constructor(private readonly ctx: Context) {}

  setCards(setId: string): Promise<CatalogSetCards | null> {
    let set = this.sets.get(setId);
    if (!set) {
      set = this.ctx
        .call<CatalogSetView & { cards: CatalogCardView[] }, GetCatalogItemParams>(Actions.matching.getSet, { id: setId })
        .then((s) => ({ id: s.id, name: s.name, cards: s.cards.map((c) => ({ id: c.id, number: c.number, name: c.name, nameFr: c.name_fr, rarity: c.rarity })) }))
        .catch((err: unknown) => {
          if (isNotFound(err)) return null;
          throw err;
        });
      this.sets.set(setId, set);
    }
    return set;
  }

  async findCard(id: string): Promise<CatalogCard | null> {
    try {
      const card = await this.ctx.call<CatalogCardView | null, GetCatalogItemParams>(Actions.matching.getCard, { id });
      return card ? { id: card.id, setId: card.set_id } : null;
    } catch (err) {
      // Only matching's own "no such card"; an unreachable matching (SERVICE_NOT_FOUND) stays an error.
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async trackedCardCount(setId: string): Promise<number> {
    const result = await this.ctx.call<unknown, TrackedCardCountParams>(Actions.matching.trackedCardCount, { setId });
    return readCount(result);
  }
}

/** Accepts a bare number or an object carrying the count (`tracked_card_count`, `trackedCardCount`, `count`). */
export function readCount(result: unknown): number {
  if (typeof result === "number" && Number.isFinite(result)) return result;
  if (result && typeof result === "object") {
    const r = result as Record<string, unknown>;
    for (const key of ["tracked_card_count", "trackedCardCount", "count"]) {
      if (typeof r[key] === "number") return r[key] as number;
    }
  }
  throw new Error(`${Actions.matching.trackedCardCount} returned no count`);
}
