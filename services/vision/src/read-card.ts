import type { Point } from "@poke-ventory/contracts";
import { CANONICAL_CARD, cardCorners, type Rotation } from "./domain/card-geometry";
import { parseCardText, parseNumber, type CardReadings, type ZoneReading } from "./domain/card-text";
import { CARD_ZONES, HP_RETRIES } from "./domain/card-zones";
import { CardZoneReader, type ZoneReader } from "./card-zone-reader";
import { ANY_YEAR, decideOrientation, evidence, SETTLED, type CardReading } from "./decide-orientation";
import { hasHp, readNameBand } from "./read-name-band";
import { NumberLine, type NumberConfirmation } from "./read-number-line";
import type { CardCatalog, CardDetector, ImageCodec, OcrEngine, RawImage } from "./ports";

export { SETTLED, type CardReading } from "./decide-orientation";

export interface ReadCardDeps {
  codec: ImageCodec;
  detector: CardDetector;
  ocr: OcrEngine;
  /** Asked whether a number read names a card; without it, the number line is read until a number is agreed. */
  catalog?: CardCatalog;
}

/**
 * Straightens one card and reads its zones, the way up the evidence says ({@link decideOrientation}); once upright,
 * an HP not read yet is looked for harder.
 */
export async function readCard(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], prefer?: Rotation): Promise<CardReading> {
  const orientation = {
    warp: (rotation: Rotation) => warpCard(deps, image, quad, rotation),
    read: (rotation: Rotation, card: ZoneReader) => readTurned(deps, image, quad, rotation, card),
    catalog: deps.catalog,
  };
  return withHpRetries(deps, await decideOrientation(orientation, quad, prefer));
}

/**
 * The card read turned `rotation` and no other way, an HP not read on its line looked for harder: how a card of a
 * page is read again the way the page's other cards face.
 */
export async function readCardTurned(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], rotation: Rotation): Promise<CardReading> {
  return withHpRetries(deps, await readTurned(deps, image, quad, rotation, await warpCard(deps, image, quad, rotation)));
}

/** The card of `quad` warped upright for `rotation`, with a zone reader of its own. */
async function warpCard(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], rotation: Rotation): Promise<ZoneReader> {
  return new CardZoneReader(deps, await deps.detector.warp(image, cardCorners(quad, rotation), CANONICAL_CARD));
}

/**
 * The HP zone read again, as sparse text then as white print ({@link HP_RETRIES}), when neither it nor the name band
 * gave an HP; a retry's line under its `minConfidence` is not taken. Only once the card is upright: read so,
 * upside-down debris gives HPs, which would weigh for the wrong way up.
 */
async function withHpRetries(deps: ReadCardDeps, read: CardReading): Promise<CardReading> {
  if (parseCardText(read.readings, { maxYear: ANY_YEAR }).hp !== null) return read;
  const zones = new CardZoneReader(deps, read.card);
  for (const { zone, minConfidence = 0, ...filter } of HP_RETRIES) {
    const hp = await zones.read(zone, filter);
    const lines = hp.lines.filter((l) => l.confidence >= minConfidence);
    if (hasHp({ ...hp, lines })) return { ...read, readings: { ...read.readings, hp: { ...hp, lines } } };
  }
  return read;
}

/**
 * Reads the warped card turned `rotation`: every zone but the name band at once, the name band alongside, then the
 * number line when the footer gave no clean number ({@link NumberLine}), its first zone read ahead when the footer
 * is slow.
 */
async function readTurned(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], rotation: Rotation, card: ZoneReader): Promise<CardReading> {
  const line = new NumberLine(deps, image, quad, rotation, card);
  const zones = readOtherZones(card);
  line.readAheadWhile(zones);
  const nameBand = readNameBand(card, zones);
  const confirms = catalogConfirms(deps, zones, nameBand);
  const [name, others] = await Promise.all([nameBand, zones.then((read) => line.complete(read, confirms))]);
  const readings = { ...others, name };
  const read = evidence(readings);
  return { rotation, card: card.image, readings, evidence: read < SETTLED && (await confirmsNumber(deps.catalog, readings)) ? SETTLED : read };
}

/** Every zone but the name band. */
async function readOtherZones(card: ZoneReader): Promise<CardReadings> {
  const zones = CARD_ZONES.filter((z) => z.name !== "name");
  const read = await Promise.all(zones.map((zone) => card.read(zone)));
  const readings: CardReadings = {};
  zones.forEach((zone, i) => (readings[zone.name] = read[i]));
  return readings;
}

/** True when the catalog confirms the number of the readings (asked only when they give one). */
async function confirmsNumber(catalog: CardCatalog | undefined, readings: CardReadings): Promise<boolean> {
  const features = parseCardText(readings, { maxYear: ANY_YEAR });
  return !!catalog && features.number !== null && catalog.confirmsNumber(features);
}

/**
 * Asks the catalog about a line read on the number line, with the zones and the name band read (awaited: the name
 * band is read alongside, and done by then as a rule). A line that gives no number is not asked about.
 */
function catalogConfirms(deps: ReadCardDeps, zones: Promise<CardReadings>, name: Promise<ZoneReading>): NumberConfirmation {
  if (!deps.catalog) return async () => false;
  return async (line) =>
    parseNumber(line.text) !== null &&
    confirmsNumber(deps.catalog, { ...(await zones), name: await name, number: { lines: [line], confidence: line.confidence } });
}
