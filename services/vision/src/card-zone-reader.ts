import type { ZoneReading } from "./domain/card-text";
import { zoneRect, type CardZone, type ZoneFilter } from "./domain/card-zones";
import type { CardDetector, ImageCodec, OcrEngine, PixelRect, RawImage } from "./ports";

/** Reads the zones of one warped card (or of one band of it). */
export interface ZoneReader {
  /** The warped image read. */
  readonly image: RawImage;
  /** The zone's text, prepared by `filter` (the zone's own scale in plain grey unless told). */
  read(zone: CardZone, filter?: ZoneFilter): Promise<ZoneReading>;
  /** The glyphs in `rect`, of dark print then of light print ({@link CardDetector.findGlyphs}). */
  glyphs(rect: PixelRect, height: { min: number; max: number }): Promise<PixelRect[][]>;
}

export type ZoneReaderDeps = { codec: ImageCodec; detector: CardDetector; ocr: OcrEngine };

/**
 * The zone reader of one warped card: a zone is read once, however often asked (a glance at a card reads zones its
 * reading reads again). Made for one card and one OCR engine, it lives as long as the card's reading; a failed read
 * stays failed (the card's reading fails with it).
 */
export class CardZoneReader implements ZoneReader {
  private readonly reads = new Map<string, Promise<ZoneReading>>();

  constructor(
    private readonly deps: ZoneReaderDeps,
    readonly image: RawImage,
  ) {}

  read(zone: CardZone, filter: ZoneFilter = { scale: zone.scale, tone: "luma" }): Promise<ZoneReading> {
    const key = JSON.stringify([zone, filter]);
    const read = this.reads.get(key) ?? this.readNow(zone, filter);
    this.reads.set(key, read);
    return read;
  }

  glyphs(rect: PixelRect, height: { min: number; max: number }): Promise<PixelRect[][]> {
    return Promise.all((["dark", "light"] as const).map((ink) => this.deps.detector.findGlyphs(this.image, rect, ink, height)));
  }

  private async readNow(zone: CardZone, filter: ZoneFilter): Promise<ZoneReading> {
    const image = await this.deps.codec.zoneImage(this.image, zoneRect(zone.area, this.image), filter);
    // Only the name is words in the analysis languages; the other zones hold numbers, HP and the collector line.
    const result = await this.deps.ocr.recognize(image, { layout: zone.layout, whitelist: zone.whitelist, text: zone.name === "name" ? "words" : "codes" });
    return { lines: result.lines, confidence: result.confidence };
  }
}
