/** Suffixes that name a card mechanic rather than the Pokémon, in their normalized spelling. */
const SUFFIXES = ["vmax", "vstar", "v union", "break", "lv x", "prime", "legend", "ex", "gx", "v", "star", "delta"];

/** Prefixes with the same role (`Radiant Charizard` / `Dracaufeu Radieux`). */
const RADIANT = /^(radiant\s+)|(\s+radieux)$/;

/**
 * Normalizes a card name in either language for comparison: no accents, lower case, punctuation as
 * spaces (`Dracaufeu-ex` → `dracaufeu ex`, `Farfetch'd` → `farfetchd`, `Charizard ★` → `charizard star`).
 */
export function normalizeCardName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/★|☆/g, " star ")
    .replace(/δ/g, " delta ")
    .toLowerCase()
    .replace(/['’`´]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A normalized name split into the Pokémon / trainer part and its mechanic suffix (`ex`, `vmax`, `radiant`…). */
export interface CardNameParts {
  base: string;
  suffix: string | null;
}

/** Splits a name (any language) into base and suffix: `Pikachu VMAX` → `pikachu` + `vmax`. */
export function splitCardName(raw: string): CardNameParts {
  let name = normalizeCardName(raw);
  if (RADIANT.test(name)) return { base: name.replace(RADIANT, "").trim(), suffix: "radiant" };
  for (const suffix of SUFFIXES) {
    if (name.endsWith(` ${suffix}`)) {
      name = name.slice(0, -suffix.length - 1).trim();
      return { base: name, suffix };
    }
  }
  return { base: name, suffix: null };
}

/** The comparable form of a name: base and suffix in one canonical spelling. */
export function canonicalCardName(raw: string): string {
  const { base, suffix } = splitCardName(raw);
  return suffix ? `${base} ${suffix}` : base;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = new Uint16Array(b.length + 1);
  let row = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length];
}

/**
 * Similarity in [0, 1] of two canonical names: edit distance over the longer length, and a truncated
 * reading (`alolan exeggu`) counts as a prefix of the full name.
 */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const edit = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  const shorter = a.length < b.length ? a : b;
  const longer = a.length < b.length ? b : a;
  const prefix = shorter.length >= 4 ? 1 - levenshtein(shorter, longer.slice(0, shorter.length)) / shorter.length : 0;
  // A prefix match is weaker evidence than the whole name: scale it by how much of the name was read.
  return Math.max(edit, prefix * (0.6 + 0.3 * (shorter.length / longer.length)));
}
