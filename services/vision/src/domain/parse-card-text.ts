import type { CardFeatures } from "@poke-ventory/contracts";
import { hpAfterName, parseHp } from "./parse-hp";
import { parseIllustrator } from "./parse-illustrator";
import { parseName } from "./parse-name";
import { parseNumber } from "./parse-number";
import { parseSetMarks } from "./parse-set-marks";
import { parseYear } from "./parse-year";

/** What OCR read in one zone of the card. Confidence 0..1. */
export interface ZoneReading {
  lines: { text: string; confidence: number }[];
  confidence: number;
  /** Other readings of the zone, too unsure to take: kept in the raw text only. */
  unsure?: { text: string; confidence: number }[];
}

/** OCR readings by zone name (see `CARD_ZONES`). */
export type CardReadings = Partial<Record<"name" | "hp" | "footer" | "copyright" | "number", ZoneReading>>;

/**
 * The name of the most confident line of the name band that gives one (the first of equals): on a foil, the band's
 * sparkle is read as lines of debris too, which can look like a word (`onVrax.` at 0.00 above `Flareo` at 0.88).
 */
function mostConfidentName(lines: ZoneReading["lines"]): string | null {
  let best: { name: string; confidence: number } | null = null;
  for (const line of lines) {
    const name = parseName(line.text);
    if (name !== null && (!best || line.confidence > best.confidence)) best = { name, confidence: line.confidence };
  }
  return best?.name ?? null;
}

/** Turns the OCR readings of one card's zones into features; anything not read stays null. */
export function parseCardText(readings: CardReadings, opts: { maxYear: number }): CardFeatures {
  const lines = (zone: keyof CardReadings) => readings[zone]?.lines.map((l) => l.text) ?? [];
  const firstOf = <T>(texts: string[], parse: (s: string) => T | null): T | null => {
    for (const t of texts) {
      const v = parse(t);
      if (v !== null) return v;
    }
    return null;
  };
  const footer = lines("footer");
  // A number line is read only when the footer gave no number in its printed shape: it is the better reading.
  const numberLine = [...lines("number"), ...footer].find((l) => parseNumber(l) !== null) ?? null;
  const number = numberLine ? parseNumber(numberLine) : null;
  const marks = numberLine ? parseSetMarks(numberLine) : { setCode: null, regulationMark: null };
  const read = Object.values(readings).filter((r) => r && r.lines.length > 0) as ZoneReading[];
  return {
    name: mostConfidentName(readings.name?.lines ?? []),
    hp: firstOf(lines("hp"), parseHp) ?? firstOf(lines("name"), hpAfterName),
    number: number?.number ?? null,
    printedTotal: number?.printedTotal ?? null,
    setCode: marks.setCode,
    regulationMark: marks.regulationMark,
    illustrator: firstOf(footer, parseIllustrator),
    year: firstOf([...lines("copyright"), ...footer], (l) => parseYear(l, opts.maxYear)),
    rawText: (["name", "hp", "footer", "number", "copyright"] as const)
      .flatMap((z) => [...lines(z), ...(readings[z]?.unsure?.map((l) => l.text) ?? [])])
      .join("\n"),
    confidence: read.length > 0 ? round2(read.reduce((s, r) => s + r.confidence, 0) / read.length) : 0,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
