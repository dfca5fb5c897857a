import { describe, expect, it } from "vitest";
import { parseImportRow, readHeader, type HeaderIndex } from "./collection-csv";

const header = readHeader({ line: 1, cells: ["set_code", "number", "name", "language", "quantity", "condition", "price_paid", "acquired_at"] }) as HeaderIndex;
const row = (...cells: string[]) => ({ line: 7, cells });

describe("readHeader", () => {
  it.each<[string[] | undefined, string | null]>([
    [["SET_CODE", " number "], null],
    [["number", "name"], "the header lacks set_code"],
    [undefined, "the file is empty"],
  ])("%j", (cells, error) => {
    const read = readHeader(cells ? { line: 1, cells } : undefined);
    if (error) expect(read).toContain(error);
    else expect(read).toEqual({ set_code: 0, number: 1 });
  });
});

describe("parseImportRow", () => {
  it.each<[string, string[], unknown]>([
    ["a full row", ["sv1", "25", "Pikachu", "", "3", "mint", "1.50", "2025-01-31"], { line: 7, setCode: "sv1", number: "25", selection: { quantity: 3, condition: "mint", pricePaid: 1.5, acquiredAt: "2025-01-31", notes: null } }],
    ["defaults for empty cells", ["sv1", "25", "", "", "", "", "", ""], { setCode: "sv1", selection: { quantity: 1, condition: "near_mint", pricePaid: null, acquiredAt: null } }],
    ["no number", ["sv1", "", "Pikachu"], "set_code and number are required"],
    ["a bad quantity", ["sv1", "25", "", "", "lots"], expect.stringContaining("quantity")],
    ["a bad condition and date", ["sv1", "25", "", "", "1", "shiny", "", "31/01/2025"], expect.stringMatching(/condition.*acquired_at/)],
    ["a formula as a price", ["sv1", "25", "", "", "1", "", "=1+1"], expect.stringContaining("price_paid")],
  ])("%s", (_name, cells, expected) => {
    const parsed = parseImportRow(row(...cells), header);
    if (typeof expected === "string" || typeof parsed === "string") expect(parsed).toEqual(expected);
    else expect(parsed).toMatchObject(expected as object);
  });
});
