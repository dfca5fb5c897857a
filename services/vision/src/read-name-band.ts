import { parseHp, parseName, type CardReadings, type ZoneReading } from "./domain/card-text";
import { CARD_ZONES, NAME_BAND_PASSES, TRAINER_NAME_ZONE } from "./domain/card-zones";
import { NAME_BAND } from "./domain/parameters";
import type { ZoneReader } from "./card-zone-reader";

export const NAME_ZONE = CARD_ZONES.find((z) => z.name === "name")!;

export const hasName = (r: ZoneReading) => r.lines.some((l) => parseName(l.text) !== null);
export const hasHp = (r: ZoneReading | undefined) => !!r && r.lines.some((l) => parseHp(l.text) !== null);

/**
 * The name band of a warped card, pass after pass ({@link NAME_BAND_PASSES}) until one gives a name; then, unless
 * that name is clearly read ({@link NAME_BAND}) or the card shows an HP among its `others` zones (a Pokémon), the
 * trainer's name line below it. That line's name is taken when the band gave none, or when it is read confidently
 * enough for a trainer's and more confident than the band's: on a trainer card the band holds its
 * `Supporter … TRAINER` header, which OCR turns into short words.
 */
export async function readNameBand(zones: ZoneReader, others: Promise<CardReadings>): Promise<ZoneReading> {
  let name: ZoneReading | null = null;
  for (const filter of NAME_BAND_PASSES) {
    const pass = await zones.read(NAME_ZONE, filter);
    if (!name || hasName(pass) || pass.confidence > name.confidence) name = pass;
    if (hasName(name)) break;
  }
  const band = name!;
  if (hasName(band) && (band.confidence >= NAME_BAND.clearName || hasHp((await others).hp))) return band;
  const below = await zones.read(TRAINER_NAME_ZONE);
  const takeBelow = hasName(below) && (!hasName(band) || (below.confidence >= NAME_BAND.trainerLine && below.confidence > band.confidence));
  // The band's header words stay in the raw text only: the name is the line's below.
  return takeBelow ? { lines: below.lines, confidence: below.confidence, unsure: band.lines } : band;
}
