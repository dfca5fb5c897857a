/** A piece of text read somewhere in a zone, with its box in pixels. */
export interface PlacedText {
  text: string;
  confidence: number;
  box: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * Pieces of sparse text gathered into rows, left to right. Read sparsely, tesseract gives each word of a line over
 * art its own line (`182`, `/`, `203`): pieces whose vertical middles lie within each other's height are one row.
 * A row's confidence is its pieces' lowest. Rows come top to bottom.
 */
export function textRows(pieces: readonly PlacedText[]): { text: string; confidence: number }[] {
  const rows: PlacedText[][] = [];
  const middle = (p: PlacedText) => (p.box.y0 + p.box.y1) / 2;
  const within = (p: PlacedText, q: PlacedText) => middle(p) >= q.box.y0 && middle(p) <= q.box.y1;
  for (const piece of [...pieces].sort((a, b) => a.box.x0 - b.box.x0)) {
    const row = rows.find((r) => r.some((q) => within(piece, q) && within(q, piece)));
    if (row) row.push(piece);
    else rows.push([piece]);
  }
  return rows
    .sort((a, b) => middle(a[0]) - middle(b[0]))
    .map((row) => ({ text: row.map((p) => p.text).join(" "), confidence: Math.min(...row.map((p) => p.confidence)) }));
}
