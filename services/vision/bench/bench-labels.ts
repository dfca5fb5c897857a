import { readFileSync } from "node:fs";

/** One card expected in an image: the ids it may carry in the catalog and its grid position on a binder page. */
export interface ExpectedCard {
  /** Catalog ids that count as this card: the pokemontcg.io id and/or `tcgdex:<tcgdexId>`. */
  ids: string[];
  name: string;
  position: { row: number; col: number } | null;
}

export interface LabelledImage {
  file: string;
  kind: string;
  cards: ExpectedCard[];
}

interface RawCard {
  card_id?: string | null;
  tcgdex_id?: string | null;
  name?: string;
  position?: string;
}
interface RawLabel extends RawCard {
  file: string;
  kind?: string;
  cards?: RawCard[];
}

/** `r1c0` → row 1, column 0. */
export function parsePosition(text: string | undefined): { row: number; col: number } | null {
  const m = /^r(\d+)c(\d+)$/.exec(text ?? "");
  return m ? { row: Number(m[1]), col: Number(m[2]) } : null;
}

function expected(raw: RawCard): ExpectedCard {
  const ids = [raw.card_id, raw.tcgdex_id ? `tcgdex:${raw.tcgdex_id}` : null].filter((id): id is string => !!id);
  return { ids, name: raw.name ?? ids[0] ?? "?", position: parsePosition(raw.position) };
}

/**
 * Reads a labels file (one JSON object per line): `{file, kind, card_id, tcgdex_id, name}` for one card, or
 * `{file, kind, cards: [{position: "r0c1", card_id, tcgdex_id, name}, …]}` for a page of cards.
 */
export function readLabels(file: string): LabelledImage[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      const raw = JSON.parse(line) as RawLabel;
      if (!raw.file) throw new Error(`${file}:${i + 1}: no "file"`);
      const cards = raw.cards ? raw.cards.map(expected) : [expected(raw)];
      return { file: raw.file, kind: raw.kind ?? "photo", cards };
    });
}
