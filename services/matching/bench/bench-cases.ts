import { readFileSync } from "node:fs";
import type { CardFeatures } from "@poke-ventory/contracts";
import { TCGDEX_ID_PREFIX } from "../src/domain/catalog";
import type { CatalogIndex, IndexedCard } from "../src/catalog-index";
import { printedFeatures } from "./printed-fields";
import { corruptFeatures, type NoiseLevel } from "./ocr-noise";
import { SeededRandom } from "./seeded-random";

/** One card to rank and the id it must find. */
export interface BenchCase {
  expected: string;
  features: CardFeatures;
}

interface LabelCard {
  card_id?: string | null;
  tcgdex_id?: string;
  name?: string;
  printed_number?: string;
}
interface Label extends LabelCard {
  cards?: LabelCard[];
}

const labelId = (l: LabelCard) => l.card_id ?? (l.tcgdex_id ? `${TCGDEX_ID_PREFIX}${l.tcgdex_id}` : "");

function truthCase(index: CatalogIndex, l: LabelCard): BenchCase {
  const expected = labelId(l);
  const entry = index.card(expected);
  if (!entry) {
    const [number, printedTotal] = (l.printed_number ?? "").split("/");
    return { expected, features: { name: l.name ?? null, hp: null, number: number || null, printedTotal: printedTotal ?? null, setCode: null, regulationMark: null, illustrator: null, year: null, rawText: "", confidence: 1 } };
  }
  const features = printedFeatures(index, entry, "en", l.name);
  if (l.printed_number) {
    const [number, printedTotal] = l.printed_number.split("/");
    Object.assign(features, { number, printedTotal: printedTotal ?? null });
  }
  return { expected, features };
}

/**
 * Every labelled card of a `labels.jsonl` (single cards: `card_id`, `name`; binder pages: `cards[]` with
 * `printed_number`) with its exact printed fields; the other printed fields come from the catalog.
 */
export function truthCases(index: CatalogIndex, labelsFile: string): BenchCase[] {
  const labels = readFileSync(labelsFile, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as Label;
      } catch (err) {
        throw new Error(`${labelsFile}:${i + 1}: is not valid JSON (${(err as Error).message})`);
      }
    });
  return labels.flatMap((l) => (l.cards ? l.cards : [l])).map((l) => truthCase(index, l));
}

/** `count` distinct catalog cards drawn with `seed`, every other one with its French name when it has one. */
export function drawCards(index: CatalogIndex, count: number, seed: number): Array<{ entry: IndexedCard; lang: "en" | "fr" }> {
  const all = index.sets.flatMap((s) => index.cardsOfSet(s.id));
  const rng = new SeededRandom(seed);
  // Partial Fisher–Yates: the first `count` slots are a uniform sample without replacement.
  const n = Math.min(count, all.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(all.length - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, n).map((entry, i) => ({ entry, lang: i % 2 === 1 ? "fr" : "en" }));
}

/** The drawn cards' printed fields corrupted at one noise level (its own random stream from `seed`). */
export function noiseCases(index: CatalogIndex, drawn: ReturnType<typeof drawCards>, level: NoiseLevel, seed: number): BenchCase[] {
  const rng = new SeededRandom(seed);
  return drawn.map(({ entry, lang }) => ({
    expected: entry.card.id,
    features: corruptFeatures(printedFeatures(index, entry, lang), level, rng),
  }));
}
