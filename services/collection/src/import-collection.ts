import { randomUUID } from "node:crypto";
import { AppError, type CsvImportView, type ImportCsvParams } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import { parseImportRow, readHeader } from "./domain/collection-csv";
import { parseCsv } from "./domain/csv";
import type { UserCard } from "./domain/records";
import { recountFor } from "./describe-cards";
import type { Catalog, CatalogSetCards, CollectionRepository } from "./ports";

export const MAX_IMPORT_ROWS = 10_000;
/** Distinct set codes one file may name: each is one catalog read. */
export const MAX_IMPORT_SETS = 500;

const numberKey = (n: string) => n.trim().replace(/^0+(?=\d)/, "").toLowerCase();

/**
 * Adds the CSV's rows to the collection: each row resolves to a catalog card by set_code + number and becomes a new
 * user card (re-importing an export therefore adds the quantities again). A bad row is reported with its line and
 * skipped; the others are imported, all in one transaction, and their master sets recounted.
 */
export async function importCollection(deps: { repo: CollectionRepository; clock: Clock }, catalog: Catalog, p: ImportCsvParams): Promise<CsvImportView> {
  const parsed = parseCsv(p.csv);
  const header = readHeader(parsed.rows[0]);
  if (typeof header === "string") throw new AppError("VALIDATION_FAILED", `The CSV cannot be read: ${header}`, { line: 1 });
  const rows = parsed.rows.slice(1);
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError("VALIDATION_FAILED", `At most ${MAX_IMPORT_ROWS} rows per import (got ${rows.length})`);
  const errors: CsvImportView["errors"] = parsed.error ? [parsed.error] : [];
  const sets = new Map<string, CatalogSetCards | null>();
  const now = deps.clock.now();
  const cards: UserCard[] = [];
  for (const row of rows) {
    const r = parseImportRow(row, header);
    if (typeof r === "string") {
      errors.push({ line: row.line, message: r });
      continue;
    }
    if (!sets.has(r.setCode) && sets.size >= MAX_IMPORT_SETS) {
      errors.push({ line: r.line, message: `more than ${MAX_IMPORT_SETS} different set codes in one file` });
      continue;
    }
    if (!sets.has(r.setCode)) sets.set(r.setCode, r.setCode.length <= 100 ? await catalog.setCards(r.setCode) : null);
    const set = sets.get(r.setCode);
    const card = set?.cards.find((c) => numberKey(c.number) === numberKey(r.number));
    if (!set || !card) {
      errors.push({ line: r.line, message: set ? `no card ${r.number} in set ${r.setCode}` : `unknown set_code ${r.setCode}` });
      continue;
    }
    cards.push({ id: randomUUID(), userId: p.userId, cardId: card.id, setId: set.id, ...r.selection, draftId: null, createdAt: now });
  }
  await deps.repo.insertUserCards(cards, await recountFor(catalog, cards.map((c) => c.setId), now));
  errors.sort((a, b) => a.line - b.line);
  return { imported: cards.length, skipped: errors.length, errors };
}
