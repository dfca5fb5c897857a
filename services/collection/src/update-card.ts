import { notFound, type OwnedParams, type UpdateCardParams, type UserCardView } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import { parseSelection } from "./domain/selection";
import { describedCardView } from "./domain/views";
import { describeCards, recountFor } from "./describe-cards";
import type { Catalog, CollectionRepository } from "./ports";

type Deps = { repo: CollectionRepository; clock: Clock };

/** Changes a card's quantity, condition, price, date or notes (validated as a selection), then recounts its set. */
export async function updateCard({ repo, clock }: Deps, catalog: Catalog, p: UpdateCardParams): Promise<UserCardView> {
  const card = await repo.findUserCard(p.userId, p.id);
  if (!card) throw notFound("Card");
  const has = (key: keyof UpdateCardParams["changes"]) => Object.prototype.hasOwnProperty.call(p.changes, key);
  const c = p.changes;
  const next = parseSelection({
    cardId: card.cardId,
    quantity: has("quantity") ? c.quantity : card.quantity,
    condition: has("condition") ? c.condition : card.condition,
    pricePaid: has("price_paid") ? c.price_paid : card.pricePaid,
    acquiredAt: has("acquired_at") ? c.acquired_at : card.acquiredAt,
    notes: has("notes") ? c.notes : card.notes,
  });
  const updated = { ...card, ...next, cardId: card.cardId };
  await repo.updateUserCard(updated, await recountFor(catalog, [card.setId], clock.now()));
  return describedCardView((await describeCards(catalog, [updated]))[0]);
}

/** Deletes the user's card and recounts its set; NOT_FOUND for another user's or a missing card. */
export async function removeCard({ repo, clock }: Deps, catalog: Catalog, p: OwnedParams): Promise<void> {
  const card = await repo.findUserCard(p.userId, p.id);
  if (!card || !(await repo.deleteUserCard(p.userId, p.id, await recountFor(catalog, [card.setId], clock.now())))) throw notFound("Card");
}
