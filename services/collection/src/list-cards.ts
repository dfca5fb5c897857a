import type { ListCardsParams, Page, UserCardView } from "@poke-ventory/contracts";
import { listDescribedCards, type DescribedCard } from "./domain/card-listing";
import { parsePaging } from "./domain/paging";
import { describedCardView } from "./domain/views";
import { describeCards } from "./describe-cards";
import type { Catalog, CollectionRepository } from "./ports";

/**
 * A page of the user's cards with their catalog names: `set` and `condition` filter in the database. In the order
 * they were added (the default) and without a name to look for, the database pages too, and only the page's cards are
 * described; a name (English or French) or another sort needs the catalog, so they apply to the user's cards in memory.
 */
export async function listCards(repo: CollectionRepository, catalog: Catalog, p: ListCardsParams): Promise<Page<UserCardView>> {
  const paging = parsePaging(p);
  const filter = { setId: p.set, condition: p.condition };
  const sort = p.sort ?? "created_at";
  const order = p.order ?? "desc";
  const page = (items: DescribedCard[], total: number) => ({ items: items.map(describedCardView), total, page: paging.page, page_size: paging.pageSize });
  if (sort === "created_at" && !p.name) {
    const { items, total } = await repo.listUserCards(p.userId, filter, order, paging.offset, paging.pageSize);
    return page(await describeCards(catalog, items), total);
  }
  const cards = await describeCards(catalog, await repo.listAllUserCards(p.userId, filter));
  const { items, total } = listDescribedCards(cards, { name: p.name, sort, order, offset: paging.offset, limit: paging.pageSize });
  return page(items, total);
}
