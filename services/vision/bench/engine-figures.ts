import type { CardFeatures } from "@poke-ventory/contracts";
import type { ExpectedCard } from "./bench-labels";

/** What one OCR engine read of the expected cards: numbers and names read right, time per card, peak memory. */
export interface EngineFigures {
  cards: number;
  numbers_read: number;
  names_read: number;
  ms_per_card: number;
  /** CPU time per card (OCR worker threads and processes included): steadier than wall time on a busy machine. */
  cpu_ms_per_card: number;
  peak_rss_mb: number;
}

/** The collector number of a catalog id (`swsh4-44` → `44`, `swsh12.5gg-GG10` → `GG10`), as compared. */
const idNumber = (id: string) => plainNumber(id.slice(id.lastIndexOf("-") + 1));
const plainNumber = (n: string) => n.toUpperCase().replace(/^([A-Z]*)0+(?=\d)/, "$1");
const plainText = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

/** True when the features' number is the card's (leading zeros aside). */
export function numberRead(expected: ExpectedCard, features: CardFeatures | undefined): boolean {
  return !!features?.number && expected.ids.some((id) => idNumber(id) === plainNumber(features.number!));
}

/** A card name's mechanic suffix (`Pikachu VMAX`, `Golurk V`, `Jynx ex`), printed in a stylised type or a logo. */
const SUFFIX = /\s+(v|vmax|vstar|v-union|gx|ex|break|lv\.?\s*x|prime|legend)$/i;

/**
 * True when the features' name, or failing that the text read, holds the card's name, its suffix aside (case,
 * accents, spaces aside too).
 */
export function nameRead(expected: ExpectedCard, features: CardFeatures | undefined): boolean {
  const name = plainText(expected.name.replace(SUFFIX, ""));
  return !!features && name.length > 0 && (plainText((features.name ?? "").replace(SUFFIX, "")) === name || plainText(features.rawText).includes(name));
}

/**
 * Counts what was read of each card (`features` of the card found at its place, or undefined), the time taken and the
 * CPU time used (`cpu`: `process.cpuUsage()` since the cards began, the OCR processes' added), with the peak memory of
 * the OCR processes (`othersMaxRssKb`) added to this process's.
 */
export function engineFigures(
  read: { expected: ExpectedCard; features: CardFeatures | undefined }[],
  totalMs: number,
  cpu: NodeJS.CpuUsage,
  othersMaxRssKb = 0,
): EngineFigures {
  const perCard = (ms: number) => (read.length > 0 ? Math.round(ms / read.length) : 0);
  return {
    cards: read.length,
    numbers_read: read.filter((r) => numberRead(r.expected, r.features)).length,
    names_read: read.filter((r) => nameRead(r.expected, r.features)).length,
    ms_per_card: perCard(totalMs),
    cpu_ms_per_card: perCard((cpu.user + cpu.system) / 1000),
    // maxRSS is in kilobytes: the peak of the whole run (each process's peak summed: an upper bound).
    peak_rss_mb: Math.round((process.resourceUsage().maxRSS + othersMaxRssKb) / 1024),
  };
}
