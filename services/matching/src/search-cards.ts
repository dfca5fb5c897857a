import type { CatalogCardView, SearchCardsParams } from "@poke-ventory/contracts";
import { cardNameKey, nameSimilarity } from "./domain/card-name";
import { collectorNumberKey } from "./domain/collector-number";
import type { CatalogIndex, IndexedCard } from "./catalog-index";
import { toCardView } from "./catalog-views";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const NAME_HITS = 12;

function namesIn(entry: IndexedCard, lang: SearchCardsParams["lang"]): string[] {
  const { nameEn, nameFr } = entry.card;
  const names = lang === "en" ? [nameEn] : lang === "fr" ? [nameFr] : [nameEn, nameFr];
  return names.filter((n): n is string => !!n).map(cardNameKey);
}

/**
 * The "more options" search: by name (fuzzy, either language or the one asked), narrowed by set and
 * collector number. Best name first, then newest set.
 */
export function searchCards(index: CatalogIndex, params: SearchCardsParams, assetBaseUrl?: string): CatalogCardView[] {
  const limit = Math.min(Math.max(params.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const query = params.q ? cardNameKey(params.q) : "";
  const numberKey = params.number ? collectorNumberKey(params.number) : null;
  let pool: readonly IndexedCard[];
  if (query) pool = index.searchNames(query, NAME_HITS).flatMap((hit) => index.cardsNamed(hit.name));
  else if (params.set) pool = index.cardsOfSet(params.set);
  else if (numberKey) pool = index.cardsWithNumber(numberKey);
  else return [];
  const scored = [...new Set(pool)]
    .filter((e) => (!params.set || e.set.id === params.set) && (!numberKey || e.target.numberKey === numberKey))
    .map((e) => ({ e, similarity: query ? Math.max(0, ...namesIn(e, params.lang).map((n) => nameSimilarity(query, n))) : 1 }))
    .filter(({ similarity }) => similarity > 0);
  scored.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      (b.e.set.releaseDate ?? "").localeCompare(a.e.set.releaseDate ?? "") ||
      a.e.card.number.localeCompare(b.e.card.number, "en", { numeric: true }),
  );
  return scored.slice(0, limit).map(({ e }) => toCardView(e.card, assetBaseUrl));
}
