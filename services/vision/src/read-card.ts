import type { Point } from "@poke-ventory/contracts";
import { CANONICAL_CARD, cardCorners, orientationCandidates, type Rotation } from "./domain/card-geometry";
import { parseName, parseNumber, type CardReadings, type ZoneReading } from "./domain/card-text";
import { CARD_ZONES, NUMBER_STRIPS, zoneRect, type CardZone } from "./domain/card-zones";
import type { CardDetector, ImageCodec, OcrEngine, RawImage } from "./ports";

export interface ReadCardDeps {
  codec: ImageCodec;
  detector: CardDetector;
  ocr: OcrEngine;
}

export interface CardReading {
  rotation: Rotation;
  /** The upright card at the canonical size. */
  card: RawImage;
  readings: CardReadings;
}

/** A name read upside down must be at least this confident to turn the card over. */
const CONFIDENT_NAME = 0.6;

/**
 * Straightens one card and reads its zones. The orientation comes from evidence: the likelier rotation for the
 * quad's shape is read first; the opposite one wins only when the first gave no name and it gives a confident one
 * (OCR finds word-like debris in upside-down text, so a weak name there is no evidence).
 */
export async function readCard(deps: ReadCardDeps, image: RawImage, quad: Point[]): Promise<CardReading> {
  const [likely, opposite] = orientationCandidates(quad);
  let best = await readNameBand(deps, image, quad, likely);
  if (!hasName(best.name)) {
    const other = await readNameBand(deps, image, quad, opposite);
    if (hasName(other.name) && other.name.confidence >= CONFIDENT_NAME) best = other;
  }
  const others = CARD_ZONES.filter((z) => z.name !== "name");
  const read = await Promise.all(others.map((zone) => readZone(deps, best.card, zone)));
  const readings: CardReadings = { name: best.name };
  others.forEach((zone, i) => (readings[zone.name] = read[i]));
  if (!readings.footer?.lines.some((l) => parseNumber(l.text))) readings.number = await readNumberStrips(deps, best.card);
  return { rotation: best.rotation, card: best.card, readings };
}

async function readNameBand(deps: ReadCardDeps, image: RawImage, quad: Point[], rotation: Rotation) {
  const card = await deps.detector.warp(image, cardCorners(quad, rotation), CANONICAL_CARD);
  const zone = CARD_ZONES.find((z) => z.name === "name")!;
  let name = await readZone(deps, card, zone);
  // Holo and textured backgrounds drown the letters in grey: a binary image often reads where the grey one did not.
  if (!hasName(name)) {
    const binary = await readZone(deps, card, zone, true);
    if (hasName(binary) || binary.confidence > name.confidence) name = binary;
  }
  return { rotation, card, name };
}

/** The number line read strip by strip, stopping at the first strip (in reading order) that holds a number. */
async function readNumberStrips(deps: ReadCardDeps, card: RawImage): Promise<ZoneReading> {
  const strips = await Promise.all(NUMBER_STRIPS.map((zone) => readZone(deps, card, zone)));
  const withNumber = strips.find((s) => s.lines.some((l) => parseNumber(l.text)));
  return withNumber ?? { lines: strips.flatMap((s) => s.lines), confidence: Math.max(...strips.map((s) => s.confidence)) };
}

async function readZone(deps: ReadCardDeps, card: RawImage, zone: CardZone, binarize = false): Promise<ZoneReading> {
  const png = await deps.codec.zonePng(card, zoneRect(zone.area, card), { scale: zone.scale, binarize });
  const result = await deps.ocr.recognize(png, { layout: zone.layout, whitelist: zone.whitelist });
  return { lines: result.lines, confidence: result.confidence };
}

const hasName = (r: ZoneReading) => r.lines.some((l) => parseName(l.text) !== null);
