/** Scratch rows of the edit distance, grown on demand and reused (rankings are synchronous, names short). */
let rowA = new Uint16Array(64);
let rowB = new Uint16Array(64);

/**
 * The fewest edits (insertions, deletions, substitutions) that turn `a` into `b.slice(0, bLength)`; with `within`,
 * into the closest substring of it (`a` may start and end anywhere in `b`: 1 when `b` holds `a` with one character
 * wrong, missing or extra).
 */
export function editDistance(a: string, b: string, bLength = b.length, within = false): number {
  if (bLength + 1 > rowA.length) {
    rowA = new Uint16Array(bLength * 2 + 1);
    rowB = new Uint16Array(bLength * 2 + 1);
  }
  let prev = rowA;
  let row = rowB;
  for (let j = 0; j <= bLength; j++) prev[j] = within ? 0 : j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= bLength; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = row[j - 1] + 1;
      row[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = row;
    row = t;
  }
  if (!within) return prev[bLength];
  let best = prev[0];
  for (let j = 1; j <= bLength; j++) if (prev[j] < best) best = prev[j];
  return best;
}
