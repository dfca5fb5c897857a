import type { ListCardsParams, Page, UserCardView } from "@poke-ventory/contracts";
import { listDescribedCards } from "./domain/card-listing";
import { parsePaging } from "./domain/paging";
import { describedCardView } from "./domain/views";
import { describeCards } from "./describe-cards";
import type { Catalog, CollectionRepository } from "./ports";

/**
 * A page of the user's cards with their catalog names: `set` and `condition` filter in the database, the name
 * (English or French) and the sort need the catalog, so they apply to the user's cards in memory.
 */
export async function listCards(repo: CollectionRepository, catalog: Catalog, p: ListCardsParams): Promise<Page<UserCardView>> {
  const paging = parsePaging(p);
  const cards = await describeCards(catalog, await repo.listAllUserCards(p.userId, { setId: p.set, condition: p.condition }));
  const { items, total } = listDescribedCards(cards, {
    name: p.name,
    sort: p.sort ?? "created_at",
    order: p.order ?? "desc",
    offset: paging.offset,
    limit: paging.pageSize,
  });
  return { items: items.map(describedCardView), total, page: paging.page, page_size: paging.pageSize };
}
