import type { Point } from "@poke-ventory/contracts";
import { CANONICAL_CARD, cardCorners, quadSides, type Rotation } from "./domain/card-geometry";
import { mostReadNumber, numberAgreed, parseCardText, parseNumber, parseStrictNumber, parseYear, readsNumberCleanly, wholeTotal, type CardReadings, type ZoneReading } from "./domain/card-text";
import { FOOTER_BAND, FOOTER_NUMBER_CHECK, inFooterBand, LAST_YEAR_NUMBER_RIGHT, NUMBER_BANDS, NUMBER_PASSES, NUMBER_WORDS, zoneRect, type CardZone, type NumberPass } from "./domain/card-zones";
import { glyphWords } from "./domain/glyph-words";
import { NUMBER_LINE } from "./domain/parameters";
import { CardZoneReader, type ZoneReader, type ZoneReaderDeps } from "./card-zone-reader";
import { inTurns } from "./in-turns";
import type { OcrLine, PixelRect, RawImage } from "./ports";

/** Whether the catalog confirms a line read as the card's number, with the card's other zones. */
export type NumberConfirmation = (line: OcrLine) => Promise<boolean>;

/** The zones the number line is read from, and where a zone of the card lies in them. */
interface NumberSource {
  zones: ZoneReader;
  zone: (zone: CardZone) => CardZone;
}

const FOOTER_BAND_SIZE = {
  width: CANONICAL_CARD.width * FOOTER_BAND.scale,
  height: Math.round(CANONICAL_CARD.height * (1 - FOOTER_BAND.top) * FOOTER_BAND.scale),
};

/**
 * The number line of one card read one way up, each step done once, when first needed: where it is read from
 * ({@link numberSource}), and its first zone, the bottom line's left half as sparse text (the footer number's check,
 * {@link FOOTER_NUMBER_CHECK}, and the first zone of the number passes), which may be read ahead.
 */
export class NumberLine {
  private readonly source: () => Promise<NumberSource>;
  private sparseLeftRead: Promise<ZoneReading> | undefined;

  constructor(
    private readonly deps: ZoneReaderDeps,
    image: RawImage,
    quad: readonly Point[],
    rotation: Rotation,
    card: ZoneReader,
  ) {
    this.source = once(numberSource(deps, image, quad, rotation, card));
  }

  /** The first zone; read once however often asked. */
  sparseLeft(): Promise<ZoneReading> {
    return (this.sparseLeftRead ??= this.source().then(async (source) => (await readPass(source, FOOTER_NUMBER_CHECK))[0]));
  }

  /**
   * While `zones` are still being read after {@link NUMBER_LINE.readAheadMs} (the footer, the slowest, is read over
   * a photo's foil, glare or art, and seldom gives its number cleanly), the first zone is read meanwhile, on a worker
   * nothing waits for (under load, none is free: nothing is read ahead).
   */
  readAheadWhile(zones: Promise<unknown>): void {
    const ahead = setTimeout(() => {
      if (this.deps.ocr.idle("codes")) this.sparseLeft().catch(() => undefined);
    }, NUMBER_LINE.readAheadMs);
    void zones.finally(() => clearTimeout(ahead)).catch(() => undefined);
  }

  /**
   * The readings with the number line read again, harder, when the footer gave no number; when it gave one only
   * through a repair (`22/2038`) that the catalog does not confirm, the left half of the bottom line is read as
   * sparse text ({@link FOOTER_NUMBER_CHECK}), and a number it reads in its printed shape wins.
   */
  async complete(readings: CardReadings, confirms: NumberConfirmation): Promise<CardReadings> {
    const footer = readings.footer?.lines ?? [];
    if (footer.some((l) => readsNumberCleanly(l.text))) return readings;
    const repaired = footer.find((l) => parseNumber(l.text) !== null);
    if (!repaired) {
      const dated = parseCardText(readings, { maxYear: LAST_YEAR_NUMBER_RIGHT }).year !== null;
      return { ...readings, number: await this.readStrips(confirms, dated) };
    }
    if (await confirms(repaired)) return readings;
    const check = (await this.sparseLeft()).lines.find((l) => readsNumberCleanly(l.text));
    return check ? { ...readings, number: { lines: [check], confidence: check.confidence } } : readings;
  }

  /**
   * The number line read pass after pass ({@link NUMBER_PASSES}: the line as sparse text, the footer block, strips),
   * zone after zone in their order ({@link NUMBER_LINE.zonesAtOnce} at once), until the catalog confirms a number
   * read (taken then), or a number has been read twice and more often than any other, and the number read most often
   * kept ({@link mostReadNumber}): one misreading among agreeing ones is outvoted. Once the card is `dated` to when
   * numbers were printed bottom right ({@link LAST_YEAR_NUMBER_RIGHT}: by its copyright zone or footer, or by a
   * copyright line a pass reads), the right half's zones are read before the others left. A first zone read ahead
   * is taken alone before the others start. When no pass reads a number, the number is looked for as words, then the
   * bottom band's halves read as sparse text (the costliest read, paid only when the others failed).
   */
  private async readStrips(confirms: NumberConfirmation, dated: boolean): Promise<ZoneReading> {
    const source = await this.source();
    // Each zone's reading is kept at its place in the passes' order, whatever order it is read in (a vote's ties go
    // to the first in the passes' order).
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
      read[p][i] = await readPassZone(source, pass, zone);
      for (const l of read[p][i].lines) if (!confirmedLine && (await confirms(l))) confirmedLine = l;
    };
    // A zone read ahead, nearly read by now, is taken alone first: the number it gives may need no other.
    if (this.sparseLeftRead) await readOne(unread.splice(unread.findIndex((z) => z.p === 0 && z.zone === FOOTER_NUMBER_CHECK.zones[0]), 1)[0]);
    await inTurns(
      [...unread],
      NUMBER_LINE.zonesAtOnce,
      // Each turn takes the next zone to read ({@link next}), not the one the turn was given (as many turns as zones).
      () => readOne(next()),
      () => confirmedLine !== undefined || numberAgreed(linesOf(read)),
    );
    if (confirmedLine) return { lines: [confirmedLine], confidence: confirmedLine.confidence };
    const voted = mostReadNumber(linesOf(read));
    if (voted) return { lines: [voted], confidence: voted.confidence };
    const words = await readNumberWords(this.deps, source);
    if (words.number) return { lines: [words.number], confidence: words.number.confidence };
    const bands = await Promise.all(NUMBER_BANDS.map((zone) => source.zones.read(source.zone(zone))));
    const found = bands.flatMap((b) => b.lines).map((l) => ({ text: parseStrictNumber(l.text), confidence: l.confidence }));
    const number = found.find((l): l is { text: string; confidence: number } => l.text !== null);
    if (number) return { lines: [number], confidence: number.confidence };
    // Nothing read as a number: the first pass's text, for the record; every other reading, too unsure to take, for
    // the raw text, against which matching checks its candidates' printed numbers (a misread `0935/2038` is 095/203).
    const [strips, ...others] = read;
    const unsure = [...linesOf(others), ...words.reads, ...bands.flatMap((b) => b.lines)];
    return { lines: strips.flatMap((s) => s.lines), confidence: Math.max(0, ...strips.map((s) => s.confidence)), unsure };
  }
}

/** `step`, run on the first call only: later calls share its promise. */
function once<T>(step: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= step());
}

/**
 * Where to read the number line from, as a lazy step paid only when the footer gave no clean number (or a read ahead
 * was made): for a card smaller than the canonical size in the original (a binder pocket, a small card), its bottom
 * band warped afresh from the original at twice the canonical size (an upscaled canonical crop blurs the tiny number
 * twice); otherwise the card's own zones.
 */
function numberSource(deps: ZoneReaderDeps, image: RawImage, quad: readonly Point[], rotation: Rotation, card: ZoneReader): () => Promise<NumberSource> {
  const { horizontal, vertical } = quadSides(quad);
  if (Math.max(horizontal, vertical) >= NUMBER_LINE.smallCard * CANONICAL_CARD.height) return async () => ({ zones: card, zone: (z) => z });
  const [tl, tr, br, bl] = cardCorners(quad, rotation);
  const at = (a: Point, b: Point, t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  const corners = [at(tl, bl, FOOTER_BAND.top), at(tr, br, FOOTER_BAND.top), br, bl];
  return async () => ({ zones: new CardZoneReader(deps, await deps.detector.warp(image, corners, FOOTER_BAND_SIZE)), zone: inFooterBand });
}

/**
 * The number found as a word of the bottom band ({@link NUMBER_WORDS}): the band's glyphs, dark and light, chained
 * into words, each word read alone. Kept: the number read most often among reads confident enough that give a
 * whole printed total ({@link wholeTotal}: debris read upside down gives `3/7`), or null; with every word's reads.
 */
async function readNumberWords(deps: ZoneReaderDeps, { zones, zone: at }: NumberSource): Promise<{ number: OcrLine | null; reads: OcrLine[] }> {
  const { image } = zones;
  const zone = at(NUMBER_WORDS.zone);
  const band = zoneRect(zone.area, image);
  const cardHeight = band.height / NUMBER_WORDS.zone.area.height;
  const height = { min: NUMBER_WORDS.glyph.min * cardHeight, max: NUMBER_WORDS.glyph.max * cardHeight };
  const words = (await zones.glyphs(band, height)).flatMap((g) => glyphWords(g)).slice(0, NUMBER_WORDS.most);
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
function readPass(source: NumberSource, pass: NumberPass): Promise<ZoneReading[]> {
  return Promise.all(pass.zones.map((zone) => readPassZone(source, pass, zone)));
}

/** One zone of a pass over the number line, prepared as the pass says. */
function readPassZone({ zones, zone: at }: NumberSource, { zones: _, ...filter }: NumberPass, z: CardZone): Promise<ZoneReading> {
  const zone = at({ ...z, scale: filter.scale });
  return zones.read(zone, { ...filter, scale: zone.scale });
}

const linesOf = (passes: ZoneReading[][]) => passes.flat().flatMap((r) => r.lines);
