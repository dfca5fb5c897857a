import type { CardFeatures, Point } from "@poke-ventory/contracts";
import type { ZoneFilter } from "./domain/card-zones";
import type { PixelRect } from "./domain/glyph-words";
export type { PixelRect } from "./domain/glyph-words";
export type { ZoneFilter } from "./domain/card-zones";
export type { ObjectStore } from "@poke-ventory/storage";

/** Decoded pixels, row-major, 3 channels in RGB order. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Decodes, encodes and cuts images. */
export interface ImageCodec {
  /**
   * Decodes an encoded image with its EXIF orientation applied. Throws {@link UndecodableImageError} when the
   * bytes are not an image it can read or have more than `maxPixels` pixels (checked from the header).
   */
  decode(bytes: Buffer, maxPixels: number): Promise<RawImage>;
  encodeJpeg(image: RawImage, quality?: number): Promise<Buffer>;
  /**
   * Cuts a zone, scales it and turns it into one grey (or binary) channel with its contrast stretched, as
   * {@link ZoneFilter} says, encoded as a binary PGM (`P5`) for OCR.
   */
  zoneImage(image: RawImage, zone: PixelRect, filter: ZoneFilter): Promise<Buffer>;
}

/** One card found in an image. */
export interface CardQuad {
  /** Corners in image pixels, ordered top-left, top-right, bottom-right, bottom-left. */
  corners: Point[];
  /** Row and column on a page of several cards; null for a lone card. */
  position: { row: number; col: number } | null;
  /**
   * Another outline of the card, to read when `corners` read too little (`readDetectedCards`): for a lone card,
   * one found less firmly (the detector's last resorts, a border looked for in the whole frame, may take a part of
   * the table or of the card for it); for each card of a page, the same outline holding them all as a card holds its
   * panels (one card's halves taken for two cards).
   */
  fallback?: Point[];
}

/** Finds cards in a decoded image and straightens them. */
export interface CardDetector {
  /** The cards found: in grid order (row, then column) on a page of cards; none is a normal result. */
  detect(image: RawImage): Promise<CardQuad[]>;
  /** Maps the quad `corners` (the card's own top-left first) onto an upright `width`×`height` image. */
  warp(image: RawImage, corners: Point[], size: { width: number; height: number }): Promise<RawImage>;
  /**
   * Glyph-sized blobs (letters, digits) in `rect` of an image, in its pixels: print darker than what surrounds it
   * (`dark`) or lighter (`light`), between `height.min` and `height.max` pixels tall.
   */
  findGlyphs(image: RawImage, rect: PixelRect, ink: "dark" | "light", height: { min: number; max: number }): Promise<PixelRect[]>;
}

/** One line of text read by OCR; confidence 0..1. */
export interface OcrLine {
  text: string;
  confidence: number;
}

export interface OcrResult {
  text: string;
  lines: OcrLine[];
  /** 0..1 */
  confidence: number;
}

/** How to read one zone. */
export interface OcrOptions {
  /**
   * `line`: the zone holds one line of text; `block`: a block of lines; `sparse`: scattered words in no order
   * (the bottom line of a card, where the number sits among symbols and art).
   */
  layout: "line" | "block" | "sparse";
  /** Only these characters may be read (e.g. digits and `/` for a collector number). */
  whitelist?: string;
  /**
   * `words` (the default): names, read in every analysis language (French names carry accents). `codes`: numbers,
   * HP and the collector line, which one language reads as well, and faster.
   */
  text?: "words" | "codes";
}

/** Reads text from an encoded image (PGM, PNG, JPEG). */
export interface OcrEngine {
  recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult>;
  /**
   * True when a worker reading `text` is free and no read waits for one: a read started now holds up no other (a
   * read ahead, made in case it is needed, is made only then).
   */
  idle(text: NonNullable<OcrOptions["text"]>): boolean;
  close(): Promise<void>;
}

/**
 * The catalog, asked while a card is read: a collector number it confirms, with the name and HP read, needs no
 * further reading (on a photo the number line is read pass after pass until a number is agreed, most of its time);
 * a name it knows tells which way up a card with little print is.
 */
export interface CardCatalog {
  /**
   * True when these features name one card of the catalog confidently, its collector number agreeing. Never
   * rejects: a catalog that cannot answer confirms nothing.
   */
  confirmsNumber(features: CardFeatures): Promise<boolean>;
  /**
   * True when the name of these features is a card's name in the catalog (read closely enough to count as agreeing).
   * Never rejects: a catalog that cannot answer knows nothing.
   */
  knowsName(features: CardFeatures): Promise<boolean>;
}

/** The bytes cannot be turned into pixels; retrying will not help. */
export class UndecodableImageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UndecodableImageError";
  }
}
