import { describe, expect, it } from "vitest";
import { encodeCell, encodeCsv, parseCsv } from "./csv";

describe("encodeCell", () => {
  it.each<[string | number | null, string]>([
    ["Pikachu", "Pikachu"],
    [null, ""],
    [12.5, "12.5"],
    [-3, "-3"],
    ["Farfetch'd, the duck", '"Farfetch\'d, the duck"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+1", "'+1"],
    ["-1+1", "'-1+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
  ])("%j → %s", (value, expected) => expect(encodeCell(value)).toBe(expected));
});

describe("parseCsv", () => {
  it.each<[string, string, { line: number; cells: string[] }[]]>([
    ["plain rows, LF", "a,b\n1,2\n", [{ line: 1, cells: ["a", "b"] }, { line: 2, cells: ["1", "2"] }]],
    ["CRLF, no final newline", "a,b\r\n1,2", [{ line: 1, cells: ["a", "b"] }, { line: 2, cells: ["1", "2"] }]],
    ["quoted comma and quote", '"x, ""y""",z\n', [{ line: 1, cells: ['x, "y"', "z"] }]],
    ["a line break inside quotes keeps line numbers right", 'a\n"one\ntwo",b\nc\n', [{ line: 1, cells: ["a"] }, { line: 2, cells: ["one\ntwo", "b"] }, { line: 4, cells: ["c"] }]],
    ["blank lines skipped, empty cells kept", "a,,\n\n,b,\n", [{ line: 1, cells: ["a", "", ""] }, { line: 3, cells: ["", "b", ""] }]],
    ["a byte-order mark", "\ufeffset_code\n", [{ line: 1, cells: ["set_code"] }]],
  ])("%s", (_name, text, rows) => expect(parseCsv(text)).toEqual({ rows }));

  it("reports a quote never closed with its line", () => {
    expect(parseCsv('a\n"open,b\n').error).toEqual({ line: 2, message: "a quoted cell is never closed" });
  });

  it("round-trips what encodeCsv writes (the formula guard's quote stays)", () => {
    const rows = [["set_code", "name"], ["sv1", 'Pika "chu", the mouse\nline two'], ["sv2", "=1+1"]];
    expect(parseCsv(encodeCsv(rows)).rows.map((r) => r.cells)).toEqual([rows[0], rows[1], ["sv2", "'=1+1"]]);
  });
});
