import type { DescribedCard } from "./card-listing";
import type { CsvRow } from "./csv";
import { parseSelection, type Selection } from "./selection";

/** The columns collectors move between apps with; `set_code` is the catalog set id. */
export const CSV_COLUMNS = ["set_code", "number", "name", "language", "quantity", "condition", "price_paid", "acquired_at"] as const;
const REQUIRED = ["set_code", "number"] as const;

/** One exported line. The collection records no printing language, so `language` is left empty (and ignored on import). */
export const exportRow = (c: DescribedCard) => [c.setId, c.number, c.name, "", c.quantity, c.condition, c.pricePaid, c.acquiredAt];

/** A row ready to resolve against the catalog: the set and number, and the rest as a draft selection validates it. */
export interface ImportRow {
  line: number;
  setCode: string;
  number: string;
  selection: Omit<Selection, "cardId">;
}

export type HeaderIndex = Record<string, number>;

/** Column positions by name (any order, case-insensitive); an error message when a required column is missing. */
export function readHeader(row: CsvRow | undefined): HeaderIndex | string {
  if (!row) return "the file is empty";
  const index: HeaderIndex = {};
  row.cells.forEach((c, i) => (index[c.trim().toLowerCase()] = i));
  const missing = REQUIRED.filter((c) => !(c in index));
  return missing.length ? `the header lacks ${missing.join(", ")} (expected ${CSV_COLUMNS.join(",")})` : index;
}

const emptyToNull = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v.trim());

/** Validates one data row like a draft selection (quantity, condition, price, date); an error message otherwise. */
export function parseImportRow(row: CsvRow, header: HeaderIndex): ImportRow | string {
  const cell = (name: string) => (name in header ? emptyToNull(row.cells[header[name]]) : null);
  const setCode = cell("set_code");
  const number = cell("number");
  if (!setCode || !number) return "set_code and number are required";
  const price = cell("price_paid");
  const quantity = cell("quantity");
  try {
    const { cardId: _ignored, ...selection } = parseSelection({
      cardId: `${setCode}-${number}`,
      quantity: quantity ?? undefined,
      condition: cell("condition") ?? undefined,
      pricePaid: price === null ? null : /^\d+(\.\d+)?$/.test(price) ? Number(price) : price,
      acquiredAt: cell("acquired_at"),
      notes: null,
    });
    return { line: row.line, setCode, number, selection };
  } catch (err) {
    const fields = (err as { details?: { fields?: { field: string; message: string }[] } }).details?.fields ?? [];
    return fields.map((f) => `${f.field} ${f.message}`).join("; ") || String(err);
  }
}
