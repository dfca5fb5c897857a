/** RFC 4180 CSV: encode with quoting and a formula-injection guard, parse with line numbers for error reports. */

/** Spreadsheets run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a leading formula character is defused with a `'`, and a cell with `,`, `"` or a line break is quoted. */
export function encodeCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF, as RFC 4180 says, ending with one. */
export const encodeCsv = (rows: (string | number | null)[][]) => rows.map((r) => r.map(encodeCell).join(",")).join("\r\n") + "\r\n";

export interface CsvRow {
  /** The 1-based line the row starts on. */
  line: number;
  cells: string[];
}

/** Parses CSV text (CRLF or LF, quoted cells may hold commas, quotes and line breaks); blank lines are skipped. */
export function parseCsv(text: string): { rows: CsvRow[]; error?: { line: number; message: string } } {
  const rows: CsvRow[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let cells: string[] = [];
  let cell = "";
  let rowLine = 1;
  let quoted = false;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== "") rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted && c === '"' && src[i + 1] === '"') {
      cell += '"';
      i += 2;
    } else if (quoted && c === '"') {
      quoted = false;
      i++;
    } else if (quoted) {
      if (c === "\n") line++;
      cell += c;
      i++;
    } else if (c === '"' && cell === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      rowLine = ++line;
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) return { rows, error: { line: rowLine, message: "a quoted cell is never closed" } };
  if (cell !== "" || cells.length > 0) endRow();
  return { rows };
}
