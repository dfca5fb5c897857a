import type { UserParams } from "@poke-ventory/contracts";
import { CSV_COLUMNS, exportRow } from "./domain/collection-csv";
import { encodeCsv } from "./domain/csv";
import { describeCards } from "./describe-cards";
import type { Catalog, CollectionRepository } from "./ports";

/** The whole collection as CSV (RFC 4180, formula-guarded), by set then collector number. */
export async function exportCollection(repo: CollectionRepository, catalog: Catalog, p: UserParams): Promise<string> {
  const cards = await describeCards(catalog, await repo.listAllUserCards(p.userId, {}));
  cards.sort((a, b) => a.setId.localeCompare(b.setId) || (a.number ?? "").localeCompare(b.number ?? "", "en", { numeric: true }));
  return encodeCsv([[...CSV_COLUMNS], ...cards.map(exportRow)]);
}
