import type { Point } from "@poke-ventory/contracts";
import { CANONICAL_CARD, cardCorners, orientationCandidates, quadSides, type Rotation } from "./domain/card-geometry";
import { mostReadNumber, numberAgreed, parseCardText, parseHp, parseName, parseNumber, parseStrictNumber, parseYear, readsNumberCleanly, wholeTotal, type CardReadings, type ZoneReading } from "./domain/card-text";
import { CARD_ZONES, FOOTER_BAND, FOOTER_NUMBER_CHECK, HP_RETRIES, inFooterBand, LAST_YEAR_NUMBER_RIGHT, NAME_BAND_PASSES, NUMBER_BANDS, NUMBER_PASSES, NUMBER_WORDS, printLies, TEXT_LAYOUT, TRAINER_NAME_ZONE, zoneRect, type CardZone, type NumberPass, type ZoneFilter, type ZoneFraction } from "./domain/card-zones";
import { glyphWords } from "./domain/glyph-words";
import { inTurns } from "./in-turns";
import type { CardCatalog, CardDetector, ImageCodec, OcrEngine, OcrLine, PixelRect, RawImage } from "./ports";

export interface ReadCardDeps {
  codec: ImageCodec;
  detector: CardDetector;
  ocr: OcrEngine;
  /** Asked whether a number read names a card; without it, the number line is read until a number is agreed. */
  catalog?: CardCatalog;
}

export interface CardReading {
  rotation: Rotation;
  /** The upright card at the canonical size. */
  card: RawImage;
  readings: CardReadings;
  /**
   * How strongly the readings said the card is this way up, before the HP retries ({@link evidence}); settled
   * ({@link SETTLED}) when the catalog confirms the number read ({@link CardCatalog}).
   */
  evidence: number;
}

/** A card under this fraction of the canonical height in the original has its number read from the original. */
const SMALL_CARD = 0.9;

const FOOTER_BAND_SIZE = {
  width: CANONICAL_CARD.width * FOOTER_BAND.scale,
  height: Math.round(CANONICAL_CARD.height * (1 - FOOTER_BAND.top) * FOOTER_BAND.scale),
};

const NAME_ZONE = CARD_ZONES.find((z) => z.name === "name")!;
const HP_ZONE = CARD_ZONES.find((z) => z.name === "hp")!;
const COPYRIGHT_ZONE = CARD_ZONES.find((z) => z.name === "copyright")!;
const FOOTER_ZONE = CARD_ZONES.find((z) => z.name === "footer")!;

/** A name read upside down must be at least this confident to turn the card over (OCR finds words in debris). */
const CONFIDENT_NAME = 0.6;
/** …and this much more confident than the name read the other way up. */
const NAME_MARGIN = 0.15;

/**
 * Straightens one card and reads its zones. The orientation comes from evidence: the likelier rotation for the
 * quad's shape is read first (all its zones at once, to keep the OCR workers busy: most cards come that way up),
 * unless its layout shows the text band on top ({@link printLayout}), or leans so and a glance ({@link showsUpright})
 * finds it upright the opposite way and not the likelier way (glanced at first, its zones read anyway; an HP alone,
 * which debris gives, does not count there), or the opposite one when `prefer` says so (the way the other cards of
 * its page face). A zone is read once per warped card: a glance's reads are the reading's.
 * Two of a collector number, an HP and a copyright year settle it (upside down, the corners hold small print and
 * symbols, where they are seldom found), as does a number the catalog confirms with the name. With one, a glance at
 * the opposite rotation (HP, copyright, name band) decides whether to read it; with none it is read. Read, the
 * opposite wins when it gives more of them; with as many, the one of the two that alone reads its collector number in
 * its printed shape wins ({@link cleanNumber}), else the one whose name alone the catalog knows (upside down, debris
 * reads as words no card is named), else the opposite only with a name clearly more confident than the first.
 * Upright, an HP not read yet is looked for harder.
 */
export async function readCard(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], prefer?: Rotation): Promise<CardReading> {
  return withHpRetries(deps, await readUpright(deps, image, quad, prefer));
}

/**
 * The card read turned `rotation` and no other way, an HP not read on its line looked for harder: how a card of a
 * page is read again the way the page's other cards face.
 */
export async function readCardTurned(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], rotation: Rotation): Promise<CardReading> {
  return withHpRetries(deps, await readTurned(deps, image, quad, rotation));
}

/** The card read the way up the evidence says ({@link readCard}). */
async function readUpright(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], prefer?: Rotation): Promise<CardReading> {
  const candidates = orientationCandidates(quad);
  let [likely, opposite] = prefer === candidates[1] ? [candidates[1], candidates[0]] : candidates;
  const warp = (rotation: Rotation) => deps.detector.warp(image, cardCorners(quad, rotation), CANONICAL_CARD);
  let warped = await warp(likely);
  let turned: RawImage | undefined;
  const lies = prefer === undefined ? await printLayout(deps, warped) : "up";
  let flip = lies === "down";
  if (lies === "leans down" && !(await showsUpright(deps, warped, { footer: true, beyondHp: true }))) {
    turned = await warp(opposite);
    flip = await showsUpright(deps, turned, { footer: true });
  }
  if (flip) {
    [likely, opposite] = [opposite, likely];
    [warped, turned] = [turned ?? (await warp(likely)), warped];
  }
  const first = await readTurned(deps, image, quad, likely, warped);
  if (first.evidence >= SETTLED) return first;
  turned ??= await warp(opposite);
  if (first.evidence > 0 && !(await showsUpright(deps, turned))) return first;
  const second = await readTurned(deps, image, quad, opposite, turned);
  const stronger = second.evidence - first.evidence;
  if (stronger !== 0) return stronger > 0 ? second : first;
  const [firstClean, secondClean] = [cleanNumber(first.readings), cleanNumber(second.readings)];
  if (firstClean !== secondClean) return secondClean ? second : first;
  const [firstKnown, secondKnown] = await Promise.all([first, second].map((r) => knownName(deps, r.readings)));
  if (firstKnown !== secondKnown) return secondKnown ? second : first;
  const [firstName, secondName] = [nameConfidence(first.readings.name!), nameConfidence(second.readings.name!)];
  return secondName >= CONFIDENT_NAME && secondName > firstName + NAME_MARGIN ? second : first;
}

/**
 * The HP zone read again, as sparse text then as white print ({@link HP_RETRIES}), when neither it nor the name band
 * gave an HP; a retry's line under its `minConfidence` is not taken. Only once the card is upright: read so,
 * upside-down debris gives HPs, which would weigh for the wrong way up.
 */
async function withHpRetries(deps: ReadCardDeps, read: CardReading): Promise<CardReading> {
  if (parseCardText(read.readings, { maxYear: ANY_YEAR }).hp !== null) return read;
  for (const { zone, minConfidence = 0, ...filter } of HP_RETRIES) {
    const hp = await readZone(deps, read.card, zone, filter);
    const lines = hp.lines.filter((l) => l.confidence >= minConfidence);
    if (hasHp({ ...hp, lines })) return { ...read, readings: { ...read.readings, hp: { ...hp, lines } } };
  }
  return read;
}

/**
 * A glance at a warped card: its HP or copyright zone gives a value (the copyright zone of many cards holds the end of
 * the number line: a collector number in its printed shape counts), or its name band a confident name. With the
 * `footer` (the slowest zone, read the same by the reading that may follow), its collector number or year count too.
 * `beyondHp`: an HP alone does not count (upside down, debris gives one now and then).
 */
async function showsUpright(deps: ReadCardDeps, card: RawImage, { footer = false, beyondHp = false } = {}): Promise<boolean> {
  const [name, hp, copyright, bottom] = await Promise.all([
    readZone(deps, card, NAME_ZONE, NAME_BAND_PASSES[0]),
    readZone(deps, card, HP_ZONE),
    readZone(deps, card, COPYRIGHT_ZONE),
    footer ? readZone(deps, card, FOOTER_ZONE) : { lines: [], confidence: 0 },
  ]);
  const features = parseCardText({ name, hp, copyright, footer: bottom }, { maxYear: ANY_YEAR });
  const number = [...copyright.lines, ...bottom.lines].some((l) => readsNumberCleanly(l.text));
  return (!beyondHp && features.hp !== null) || features.year !== null || number || nameConfidence(name) >= CONFIDENT_NAME;
}

/**
 * How the warped card's small print lies ({@link printLies}): mostly in its upper half, where an upright card has its
 * art, it lies upside down. A glance of a few milliseconds, no OCR: light and dark print counted alike.
 */
async function printLayout(deps: ReadCardDeps, card: RawImage): Promise<ReturnType<typeof printLies>> {
  const glyph = { min: TEXT_LAYOUT.glyph.min * card.height, max: TEXT_LAYOUT.glyph.max * card.height };
  const count = async (band: ZoneFraction) => (await glyphsOfBothInks(deps, card, zoneRect(band, card), glyph)).flat().length;
  const [art, text] = await Promise.all([count(TEXT_LAYOUT.art), count(TEXT_LAYOUT.text)]);
  return printLies(art, text);
}

/** The glyphs in `rect` of dark print, then of light print ({@link CardDetector.findGlyphs}). */
function glyphsOfBothInks(deps: ReadCardDeps, image: RawImage, rect: PixelRect, height: { min: number; max: number }): Promise<PixelRect[][]> {
  return Promise.all((["dark", "light"] as const).map((ink) => deps.detector.findGlyphs(image, rect, ink, height)));
}

/** Reads the card turned `rotation` (warped from the original unless already given). */
async function readTurned(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], rotation: Rotation, warped?: RawImage): Promise<CardReading> {
  const card = warped ?? (await deps.detector.warp(image, cardCorners(quad, rotation), CANONICAL_CARD));
  const line = numberLine(deps, image, quad, rotation, card);
  const zones = readOtherZones(deps, card);
  // Zones still being read after SLOW_FOOTER_MS: the footer, the slowest, is read over debris (a photo's foil, glare,
  // art) and seldom gives its number cleanly. The number line's first zone is read meanwhile, on a worker nothing
  // waits for (under load, none is free: nothing is read ahead).
  const ahead = setTimeout(() => {
    if (deps.ocr.idle("codes")) line.sparseLeft().catch(() => undefined);
  }, SLOW_FOOTER_MS);
  void zones.finally(() => clearTimeout(ahead)).catch(() => undefined);
  const nameBand = readNameBand(deps, card, zones);
  const confirms = catalogConfirms(deps, zones, nameBand);
  const [name, others] = await Promise.all([nameBand, zones.then((read) => withNumberLine(deps, read, line, confirms))]);
  const readings = { ...others, name };
  const read = evidence(readings);
  return { rotation, card, readings, evidence: read < SETTLED && (await confirmsNumber(deps, readings)) ? SETTLED : read };
}

/** True when the catalog knows the name of the readings (asked only when they give one). */
async function knownName(deps: ReadCardDeps, readings: CardReadings): Promise<boolean> {
  const features = parseCardText(readings, { maxYear: ANY_YEAR });
  return !!deps.catalog && features.name !== null && deps.catalog.knowsName(features);
}

/** True when the catalog confirms the number of the readings (asked only when they give one). */
async function confirmsNumber(deps: ReadCardDeps, readings: CardReadings): Promise<boolean> {
  const features = parseCardText(readings, { maxYear: ANY_YEAR });
  return !!deps.catalog && features.number !== null && deps.catalog.confirmsNumber(features);
}

/**
 * How strongly a reading says the card is upright: one for each of a collector number, an HP and a copyright year
 * read. Upside-down debris gives one of them now and then, rarely two. A number counts only with a whole printed
 * total ({@link wholeTotal}): debris gave `71/7` and `7/6` to photo_0003 and photo_0009 turned 180°, where that and
 * an HP of debris settled the wrong way.
 */
function evidence(r: CardReadings): number {
  const features = parseCardText(r, { maxYear: ANY_YEAR });
  const number = features.number !== null && wholeTotal(features);
  return [number, features.hp !== null, features.year !== null].filter(Boolean).length;
}
/**
 * True when the readings give their collector number in its printed shape (`041/165`), not only through a repair.
 * Upside down, debris gives an HP more often than that: as much evidence either way up, the clean number wins.
 */
function cleanNumber(r: CardReadings): boolean {
  return [...(r.number?.lines ?? []), ...(r.footer?.lines ?? [])].some((l) => readsNumberCleanly(l.text));
}
/** Evidence enough to take the likelier rotation without reading the other. */
export const SETTLED = 2;
/** Any year a copyright line could print: here a year weighs orientation (the reported one is checked against the clock). */
const ANY_YEAR = 2100;

/** The confidence of a name band that gave a name, else 0. */
const nameConfidence = (r: ZoneReading) => (hasName(r) ? r.confidence : 0);

/**
 * The name band, pass after pass ({@link NAME_BAND_PASSES}) until one gives a name; then, unless that name is
 * clearly read or the card shows an HP (a Pokémon), the trainer's name line below it. That line's name is taken when
 * the band gave none, or when it is read with {@link TRAINER_LINE_NAME} and more confident than the band's: on a
 * trainer card the band holds its `Supporter … TRAINER` header, which OCR turns into short words.
 */
async function readNameBand(deps: ReadCardDeps, card: RawImage, others: Promise<CardReadings>): Promise<ZoneReading> {
  let name: ZoneReading | null = null;
  for (const filter of NAME_BAND_PASSES) {
    const pass = await readZone(deps, card, NAME_ZONE, filter);
    if (!name || hasName(pass) || pass.confidence > name.confidence) name = pass;
    if (hasName(name)) break;
  }
  const band = name!;
  if (hasName(band) && (band.confidence >= CLEAR_NAME || hasHp((await others).hp))) return band;
  const below = await readZone(deps, card, TRAINER_NAME_ZONE);
  const takeBelow = hasName(below) && (!hasName(band) || (below.confidence >= TRAINER_LINE_NAME && below.confidence > band.confidence));
  // The band's header words stay in the raw text only: the name is the line's below.
  return takeBelow ? { lines: below.lines, confidence: below.confidence, unsure: band.lines } : band;
}

/** A name read at least this confident is clearly read. */
const CLEAR_NAME = 0.7;
/**
 * A name on the line below at least this confident is a trainer's. Read at half size, on the bench scans and photos,
 * trainers' names came at 0.63 to 0.96, other text there (`Evolves from …`, art) at 0.57 at most.
 */
const TRAINER_LINE_NAME = 0.6;

/** Whether the catalog confirms a line read as the card's number, with the other zones and the name band. */
type NumberConfirmation = (line: OcrLine) => Promise<boolean>;

/**
 * Asks the catalog about a line read on the number line, with the zones and the name band read (awaited: the name
 * band is read alongside, and done by then as a rule). A line that gives no number is not asked about.
 */
function catalogConfirms(deps: ReadCardDeps, zones: Promise<CardReadings>, name: Promise<ZoneReading>): NumberConfirmation {
  if (!deps.catalog) return async () => false;
  return async (line) =>
    parseNumber(line.text) !== null &&
    confirmsNumber(deps, { ...(await zones), name: await name, number: { lines: [line], confidence: line.confidence } });
}

/** Every zone but the name band. */
async function readOtherZones(deps: ReadCardDeps, card: RawImage): Promise<CardReadings> {
  const zones = CARD_ZONES.filter((z) => z.name !== "name");
  const read = await Promise.all(zones.map((zone) => readZone(deps, card, zone)));
  const readings: CardReadings = {};
  zones.forEach((zone, i) => (readings[zone.name] = read[i]));
  return readings;
}

/**
 * The readings with the number line read again, harder, when the footer gave no number; when it gave one only
 * through a repair (`22/2038`) that the catalog does not confirm, the left half of the bottom line is read as sparse
 * text ({@link FOOTER_NUMBER_CHECK}), and a number it reads in its printed shape wins (photo_0005: `182/203`).
 */
async function withNumberLine(deps: ReadCardDeps, readings: CardReadings, line: NumberLine, confirms: NumberConfirmation): Promise<CardReadings> {
  const footer = readings.footer?.lines ?? [];
  if (footer.some((l) => readsNumberCleanly(l.text))) return readings;
  const repaired = footer.find((l) => parseNumber(l.text) !== null);
  if (!repaired) {
    const dated = parseCardText(readings, { maxYear: LAST_YEAR_NUMBER_RIGHT }).year !== null;
    return { ...readings, number: await readNumberStrips(deps, line, confirms, dated) };
  }
  if (await confirms(repaired)) return readings;
  const check = (await line.sparseLeft()).lines.find((l) => readsNumberCleanly(l.text));
  return check ? { ...readings, number: { lines: [check], confidence: check.confidence } } : readings;
}

/** The image the number zones are read from, and where a zone of the card lies in it. */
interface NumberSource {
  image: RawImage;
  zone: (zone: CardZone) => CardZone;
}

/**
 * The number line of one reading, each step done once, when first needed: where it is read from
 * ({@link numberSource}), and its first zone, the bottom line's left half as sparse text (the footer number's check,
 * {@link FOOTER_NUMBER_CHECK}, and the first zone of the number passes), which may be read ahead.
 */
interface NumberLine {
  source: () => Promise<NumberSource>;
  sparseLeft: () => Promise<ZoneReading>;
  /** True once the first zone is being read (or read). */
  begun: () => boolean;
}

function numberLine(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], rotation: Rotation, card: RawImage): NumberLine {
  const source = once(numberSource(deps, image, quad, rotation, card));
  let begun = false;
  // Read once however often asked: a zone is read once per image ({@link readZone}), and the source is made once.
  const sparseLeft = async () => (await readPass(deps, await source(), FOOTER_NUMBER_CHECK))[0];
  return { source, sparseLeft: () => ((begun = true), sparseLeft()), begun: () => begun };
}

/** `step`, run on the first call only: later calls share its promise. */
function once<T>(step: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= step());
}

/**
 * How long the footer may take before the number line's first zone is read ahead ({@link readTurned}): a scan's
 * footer is read in about 110 ms here, alongside the other zones in under 250; a photo's over debris in 260 to 600.
 */
const SLOW_FOOTER_MS = 300;

/**
 * Where to read the number line from, as a lazy step paid only when the footer gave no clean number (or a read ahead
 * was made): for a card smaller
 * than the canonical size in the original (a binder pocket, a small card), its bottom band warped afresh from the
 * original at twice the canonical size (an upscaled canonical crop blurs the tiny number twice); otherwise the crop.
 */
function numberSource(deps: ReadCardDeps, image: RawImage, quad: readonly Point[], rotation: Rotation, card: RawImage): () => Promise<NumberSource> {
  const { horizontal, vertical } = quadSides(quad);
  if (Math.max(horizontal, vertical) >= SMALL_CARD * CANONICAL_CARD.height) return async () => ({ image: card, zone: (z) => z });
  const [tl, tr, br, bl] = cardCorners(quad, rotation);
  const at = (a: Point, b: Point, t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  const corners = [at(tl, bl, FOOTER_BAND.top), at(tr, br, FOOTER_BAND.top), br, bl];
  return async () => ({ image: await deps.detector.warp(image, corners, FOOTER_BAND_SIZE), zone: inFooterBand });
}

/**
 * The number line read pass after pass ({@link NUMBER_PASSES}: the line as sparse text, the footer block, strips),
 * zone after zone in their order ({@link NUMBER_ZONES_AT_ONCE} at once), until the catalog confirms a number read
 * (taken then), or a number has been read twice and more often than any other, and the number read most often kept
 * ({@link mostReadNumber}): one misreading among agreeing ones is outvoted, where the first number read would be
 * taken as it came. Once the card is `dated` to when numbers were printed bottom right ({@link LAST_YEAR_NUMBER_RIGHT}:
 * by its copyright zone or footer, or by a copyright line a pass reads), the right half's zones are read before the
 * others left. A first zone read ahead ({@link readTurned}) is taken alone before the others start.
 * When no pass reads a number, the bottom band's halves read as sparse text (the costliest read, paid only when
 * the others failed).
 */
async function readNumberStrips(deps: ReadCardDeps, line: NumberLine, confirms: NumberConfirmation, dated: boolean): Promise<ZoneReading> {
  const source = await line.source();
  const { image, zone: at } = source;
  // Each zone's reading is kept at its place in the passes' order, whatever order it is read in (a vote's ties go to
  // the first in the passes' order).
  const zones = NUMBER_PASSES.flatMap((pass, p) => pass.zones.map((zone) => ({ p, zone, pass }))).map((z, i) => ({ ...z, i }));
  const read: ZoneReading[][] = NUMBER_PASSES.map(() => []);
  const unread = [...zones];
  const next = () => {
    const right = dated || datesNumberRight(linesOf(read)) ? unread.findIndex((z) => z.zone.area.left >= 0.5) : -1;
    return unread.splice(Math.max(0, right), 1)[0];
  };
  let confirmedLine: OcrLine | undefined;
  const readOne = async ({ p, zone, pass, i }: (typeof zones)[number]) => {
    // The first pass's first zone is the footer number's check, perhaps read ahead already: the same read.
    read[p][i] = await readPassZone(deps, source, pass, zone);
    for (const l of read[p][i].lines) if (!confirmedLine && (await confirms(l))) confirmedLine = l;
  };
  // A zone read ahead, nearly read by now, is taken alone first: the number it gives may need no other.
  if (line.begun()) await readOne(unread.splice(unread.findIndex((z) => z.p === 0 && z.zone === FOOTER_NUMBER_CHECK.zones[0]), 1)[0]);
  await inTurns(
    [...unread],
    NUMBER_ZONES_AT_ONCE,
    // Each turn takes the next zone to read ({@link next}), not the one the turn was given (as many turns as zones).
    () => readOne(next()),
    () => confirmedLine !== undefined || numberAgreed(linesOf(read)),
  );
  if (confirmedLine) return { lines: [confirmedLine], confidence: confirmedLine.confidence };
  const voted = mostReadNumber(linesOf(read));
  if (voted) return { lines: [voted], confidence: voted.confidence };
  const words = await readNumberWords(deps, source);
  if (words.number) return { lines: [words.number], confidence: words.number.confidence };
  const bands = await Promise.all(NUMBER_BANDS.map((zone) => readZone(deps, image, at(zone))));
  const found = bands.flatMap((b) => b.lines).map((l) => ({ text: parseStrictNumber(l.text), confidence: l.confidence }));
  const number = found.find((l): l is { text: string; confidence: number } => l.text !== null);
  if (number) return { lines: [number], confidence: number.confidence };
  // Nothing read as a number: the first pass's text, for the record; every other reading, too unsure to take, for
  // the raw text, against which matching checks its candidates' printed numbers (a misread `0935/2038` is 095/203).
  const [strips, ...others] = read;
  const unsure = [...linesOf(others), ...words.reads, ...bands.flatMap((b) => b.lines)];
  return { lines: strips.flatMap((s) => s.lines), confidence: Math.max(0, ...strips.map((s) => s.confidence)), unsure };
}

/**
 * The number found as a word of the bottom band ({@link NUMBER_WORDS}): the band's glyphs, dark and light, chained
 * into words, each word read alone. Kept: the number read most often among reads confident enough that give a
 * whole printed total ({@link wholeTotal}: debris read upside down gives `3/7`), or null; with every word's reads.
 */
async function readNumberWords(deps: ReadCardDeps, { image, zone: at }: NumberSource): Promise<{ number: OcrLine | null; reads: OcrLine[] }> {
  const zone = at(NUMBER_WORDS.zone);
  const band = zoneRect(zone.area, image);
  const cardHeight = band.height / NUMBER_WORDS.zone.area.height;
  const height = { min: NUMBER_WORDS.glyph.min * cardHeight, max: NUMBER_WORDS.glyph.max * cardHeight };
  const words = (await glyphsOfBothInks(deps, image, band, height)).flatMap((g) => glyphWords(g)).slice(0, NUMBER_WORDS.most);
  const reads = await Promise.all(
    words.flatMap((word) =>
      NUMBER_WORDS.filters.map(async (filter) => {
        const pgm = await deps.codec.zoneImage(image, withMargin(word, NUMBER_WORDS.margin, image), { ...filter, scale: NUMBER_WORDS.height / word.height });
        return (await deps.ocr.recognize(pgm, { layout: zone.layout, whitelist: zone.whitelist, text: "codes" })).lines;
      }),
    ),
  );
  const numbers = reads.flat().filter((l) => {
    const read = parseNumber(l.text);
    return l.confidence >= NUMBER_WORDS.minConfidence && read !== null && wholeTotal(read);
  });
  return { number: mostReadNumber(numbers), reads: reads.flat() };
}

/** `rect` grown on every side by `margin` of its height, inside the image. */
function withMargin(rect: PixelRect, margin: number, image: RawImage): PixelRect {
  const by = Math.round(rect.height * margin);
  const left = Math.max(0, rect.left - by);
  const top = Math.max(0, rect.top - by);
  return { left, top, width: Math.min(image.width, rect.left + rect.width + by) - left, height: Math.min(image.height, rect.top + rect.height + by) - top };
}

/**
 * True when one of `lines`, read on the number line, is a copyright line dated when numbers were printed bottom right
 * (`©2015 Pokémon`): there, unlike in the copyright zone, a year alone may be debris.
 */
function datesNumberRight(lines: readonly OcrLine[]): boolean {
  return lines.some((l) => COPYRIGHT_LINE.test(l.text) && parseYear(l.text, LAST_YEAR_NUMBER_RIGHT) !== null);
}
/** A copyright line as OCR reads it: `©2015 Pokémon / Nintendo`, `(c)2016 Pokemon`, `02019 Pokémon`. */
const COPYRIGHT_LINE = /©|\(c\)|pok|nintendo/i;

/** One pass over the number line (the footer number's check): its zones read at once, prepared as it says. */
function readPass(deps: ReadCardDeps, source: NumberSource, pass: NumberPass): Promise<ZoneReading[]> {
  return Promise.all(pass.zones.map((zone) => readPassZone(deps, source, pass, zone)));
}

/** One zone of a pass over the number line, prepared as the pass says. */
function readPassZone(deps: ReadCardDeps, { image, zone: at }: NumberSource, { zones: _, ...filter }: NumberPass, z: CardZone): Promise<ZoneReading> {
  const zone = at({ ...z, scale: filter.scale });
  return readZone(deps, image, zone, { ...filter, scale: zone.scale });
}

/**
 * Zones of the number passes read at once: as many as the OCR workers of a two-core machine keep busy. The next zone
 * starts as soon as one is read (a pass's slowest zone no longer holds the next pass back), until a number is agreed.
 */
const NUMBER_ZONES_AT_ONCE = 2;

const linesOf = (passes: ZoneReading[][]) => passes.flat().flatMap((r) => r.lines);

/**
 * The zones read of each warped card, by zone and filter: a glance at a card ({@link showsUpright}) reads zones its
 * reading reads again. Every image read here is a warp made in this module, for one card and one OCR engine (a failed
 * read stays failed: the card's reading fails with it).
 */
const zoneReads = new WeakMap<RawImage, Map<string, Promise<ZoneReading>>>();

function readZone(deps: ReadCardDeps, card: RawImage, zone: CardZone, filter: ZoneFilter = { scale: zone.scale, tone: "luma" }): Promise<ZoneReading> {
  const key = JSON.stringify([zone, filter]);
  const reads = zoneReads.get(card) ?? new Map<string, Promise<ZoneReading>>();
  zoneReads.set(card, reads);
  const read = reads.get(key) ?? readZoneNow(deps, card, zone, filter);
  reads.set(key, read);
  return read;
}

async function readZoneNow(deps: ReadCardDeps, card: RawImage, zone: CardZone, filter: ZoneFilter): Promise<ZoneReading> {
  const image = await deps.codec.zoneImage(card, zoneRect(zone.area, card), filter);
  // Only the name is words in the analysis languages; the other zones hold numbers, HP and the collector line.
  const result = await deps.ocr.recognize(image, { layout: zone.layout, whitelist: zone.whitelist, text: zone.name === "name" ? "words" : "codes" });
  return { lines: result.lines, confidence: result.confidence };
}

const hasName = (r: ZoneReading) => r.lines.some((l) => parseName(l.text) !== null);
const hasHp = (r: ZoneReading | undefined) => !!r && r.lines.some((l) => parseHp(l.text) !== null);
