import { HP_RETRY, NAME_BAND, NUMBER_LINE, ORIENTATION } from "./parameters";

/** How a zone is prepared for OCR. */
export interface ZoneFilter {
  /** Resize factor (small print reads better enlarged, big lettering on a sparkling foil better shrunk). */
  scale: number;
  /**
   * `luma`: the usual grey. `brightest`: each pixel's brightest channel, which turns a saturated foil or art
   * behind the letters light, so black lettering stands out whatever colour is behind it. `palest`: each pixel's
   * smallest channel, which keeps only white print light (a coloured ground turns dark, however bright).
   */
  tone: "luma" | "brightest" | "palest";
  /**
   * White print on a darker ground (the HP of many foil and full-art cards): pixels at least this light, after
   * stretching, become the black ink tesseract reads best, and the rest white.
   */
  lightInk?: number;
  /** A 3×3 median first, against foil sparkle. */
  denoise?: boolean;
  /** Black and white at mid-grey (after stretching the contrast) instead of grey. */
  binarize?: boolean;
}

/** A rectangle as fractions (0..1) of the upright card's width and height. */
export interface ZoneFraction {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CardZone {
  name: "name" | "hp" | "footer" | "copyright" | "number";
  area: ZoneFraction;
  layout: "line" | "block" | "sparse";
  /** Upscale before OCR: small print reads better at about 30 px per line. */
  scale: number;
  /** Only these characters may be read. */
  whitelist?: string;
}

/**
 * Where text sits on a modern upright card (Sword & Shield, Scarlet & Violet; checked on the bench scans and photos),
 * with a margin for a quad found a little inside the card's edge.
 * The name band also holds the stage badge on its left and the HP on its right; the parser strips them.
 */
export const CARD_ZONES: readonly CardZone[] = [
  { name: "name", area: { left: 0.06, top: 0.025, width: 0.62, height: 0.075 }, layout: "block", scale: 1 },
  { name: "hp", area: { left: 0.6, top: 0.02, width: 0.37, height: 0.095 }, layout: "line", scale: 1 },
  { name: "footer", area: { left: 0, top: 0.9, width: 0.52, height: 0.09 }, layout: "block", scale: 2 },
  { name: "copyright", area: { left: 0.1, top: 0.965, width: 0.45, height: 0.035 }, layout: "line", scale: 2 },
];

const NUMBER_CHARACTERS = "0123456789/ABCDEFGHIJKLMNOPQRSTUVWXYZ ";

const numberStrips = (left: number): readonly CardZone[] =>
  [0.943, 0.958, 0.973].map((centre) => ({
    name: "number" as const,
    area: { left, top: centre - 0.0175, width: 0.5, height: 0.035 },
    layout: "line" as const,
    scale: 3,
    whitelist: NUMBER_CHARACTERS,
  }));

/**
 * Thin strips over the bottom-left line holding the collector number, read one line each with a whitelist when the
 * footer block gave no number: the line sits a little higher or lower depending on the era and on the quad.
 */
export const NUMBER_STRIPS = numberStrips(0);

/** The same strips over the bottom-right line, where older cards (Black & White, XY) print the number. */
export const RIGHT_NUMBER_STRIPS = numberStrips(0.5);

/**
 * The last year of cards printing their collector number bottom right (up to Sun & Moon; from Sword & Shield, 2020,
 * bottom left): a card whose copyright line is dated so has its number line's right half read first.
 */
export const LAST_YEAR_NUMBER_RIGHT = 2019;

const FOOTER = CARD_ZONES.find((z) => z.name === "footer")!;

/** One way of reading the number line: these zones, prepared so. */
export interface NumberPass extends ZoneFilter {
  zones: readonly CardZone[];
}

/**
 * The bottom line's halves, from a little above the strips' lines to the card's edge, read as sparse text: tesseract
 * finds the number wherever it sits among the set symbol, the illustrator and the rule box, where a single line must
 * span them all and a whitelist turns the symbols into letters. On photos the quad often sits a little inside the
 * card, and the number below the strips' lines (dark italic on gold foil is read so and by no strip).
 */
const SPARSE_NUMBER_LINES: readonly CardZone[] = [0, 0.5].map((left) => ({
  name: "number" as const,
  area: { left, top: 0.925, width: 0.5, height: 0.075 },
  layout: "sparse" as const,
  scale: 2,
}));

/** The zones a pass of {@link NUMBER_LINE} names. */
const PASS_ZONES: Record<(typeof NUMBER_LINE.passes)[number]["zones"], readonly CardZone[]> = {
  sparse: SPARSE_NUMBER_LINES,
  "footer+strips": [FOOTER, ...NUMBER_STRIPS],
  strips: NUMBER_STRIPS,
  "right strips": RIGHT_NUMBER_STRIPS,
};

const passOf = ({ zones, ...filter }: (typeof NUMBER_LINE.passes)[number]): NumberPass => ({ ...filter, zones: PASS_ZONES[zones] });

const SPARSE_NUMBER_PASS: NumberPass = passOf(NUMBER_LINE.passes[0]);

/**
 * The check of a number the footer block gave only through a repair: the bottom line's left half (where the footer
 * block lies) as sparse text, alone.
 */
export const FOOTER_NUMBER_CHECK: NumberPass = { ...SPARSE_NUMBER_PASS, zones: SPARSE_NUMBER_LINES.slice(0, 1) };

/**
 * How the number line is read, pass after pass ({@link NUMBER_LINE}), when the footer block gave no number: the
 * bottom line's halves as sparse text ({@link SPARSE_NUMBER_LINES}); the footer block and the strips in the brightest
 * channel (the number is printed on coloured or foil bands), larger; the strips in plain grey; the bottom-right strips
 * in black and white (white print on the art of older full-art cards); then the left ones in black and white. The
 * brightest pass comes before the grey one since the catalog confirms numbers as they are read: on photos it is the
 * one that reads them. What each pass adds on the bench: services/vision/bench/README.md.
 */
export const NUMBER_PASSES: readonly NumberPass[] = NUMBER_LINE.passes.map(passOf);

/**
 * The whole bottom band, left and right halves, read as sparse text when neither the footer nor the strips gave a
 * number: the number sits bottom-right on older cards, and on full-art cards it is white on the art, away from
 * the lines the strips expect.
 */
export const NUMBER_BANDS: readonly CardZone[] = [0, 0.45].map((left) => ({
  name: "number" as const,
  area: { left, top: 0.9, width: 0.55, height: 0.1 },
  layout: "sparse" as const,
  scale: 3,
}));

/**
 * How the name band is prepared, pass after pass until one gives a name ({@link NAME_BAND}). Foil, holo and full-art
 * cards print the name over a sparkling, colourful ground: at half size the sparkle averages out while the big
 * letters stay readable, and the brightest channel turns any saturated colour light behind black letters. Then a
 * median-filtered grey, then black and white.
 */
export const NAME_BAND_PASSES: readonly ZoneFilter[] = NAME_BAND.passes;

const SPARSE_HP: CardZone = { ...CARD_ZONES.find((z) => z.name === "hp")!, layout: "sparse" };

/**
 * How the HP zone is read again when neither it nor the name band gave an HP: as sparse text (tesseract finds the
 * HP among the symbol, the name's end and the art, where a single line must span them all), in plain grey, then at
 * half size in the brightest channel; then as white print (`palest`, `lightInk`: white outlined in black on a
 * sparkling foil is read only so). Black print read so gives the holes and edges of its letters, which tesseract
 * reads with no confidence: a line under `minConfidence` is not taken ({@link HP_RETRY}).
 */
export const HP_RETRIES: readonly (ZoneFilter & { zone: CardZone; minConfidence?: number })[] = [
  { zone: SPARSE_HP, scale: 1, tone: "luma" },
  { zone: SPARSE_HP, scale: 0.5, tone: "brightest" },
  { zone: SPARSE_HP, scale: 1, tone: "palest", lightInk: HP_RETRY.lightInk, minConfidence: HP_RETRY.minConfidence },
];

/** The line under the name band: a trainer's name sits there, below its `Supporter … TRAINER` header. */
export const TRAINER_NAME_ZONE: CardZone = { name: "name", area: { left: 0.04, top: 0.075, width: 0.72, height: 0.065 }, layout: "block", scale: 0.5 };

const NUMBER_WORDS_ZONE: CardZone = { name: "number", area: { left: 0, top: 0.915, width: 1, height: 0.085 }, layout: "line", scale: 1, whitelist: NUMBER_CHARACTERS };

/**
 * Where the number is looked for as words ({@link glyphWords}) when no zone read gave it: the card's bottom band,
 * both halves. Its glyphs are `glyph` tall (fractions of the card's height: from the small print of a 3×3 page's
 * pocket to the number of a full-art card). A word is read alone, cut with a margin of `margin` of its height and
 * scaled to `height` pixels, in grey and as white print: tesseract reads an outlined or italic number so, where on a
 * line among the set symbol and the art it reads debris. At most `most` words are read (a bound on a busy band's cost).
 */
export const NUMBER_WORDS = {
  zone: NUMBER_WORDS_ZONE,
  glyph: NUMBER_LINE.words.glyph,
  margin: NUMBER_LINE.words.margin,
  height: NUMBER_LINE.words.height,
  filters: [{ tone: "luma" }, { tone: "palest", lightInk: NUMBER_LINE.words.lightInk }] as const,
  minConfidence: NUMBER_LINE.words.minConfidence,
  most: NUMBER_LINE.words.most,
} as const;

/**
 * Where an upright card prints its text and where its art ({@link ORIENTATION}): the attacks, abilities or rules fill
 * the lower half of nearly every card (a full art's too, in white); the upper half holds the name and the art. Small
 * print of `glyph` height is counted in each band ({@link printLies}). It only chooses which way is read first: a
 * card with little text (a basic energy) is still settled by what is read. Under the `flipped` share of the glyphs in
 * the text band the card lies upside down; under `leaning`, likelier so than not (a foil's sparkle makes specks in
 * the art band).
 */
export const TEXT_LAYOUT = ORIENTATION.layout;

/**
 * How glyph counts in the art and text bands of {@link TEXT_LAYOUT} lay the card: upside down, likelier upside down
 * than not, or upright (as likely, and nothing found).
 */
export function printLies(artGlyphs: number, textGlyphs: number): "down" | "leans down" | "up" {
  const all = artGlyphs + textGlyphs;
  const share = textGlyphs / all;
  if (all === 0 || share >= TEXT_LAYOUT.leaning) return "up";
  return share < TEXT_LAYOUT.flipped ? "down" : "leans down";
}

/** The card's bottom band (from `top` down), warped at `scale` times the canonical size for the number zones. */
export const FOOTER_BAND = { top: 0.88, scale: 2 } as const;

/** A number zone of the card re-expressed in the {@link FOOTER_BAND} image (its scale reduced by the band's). */
export function inFooterBand(zone: CardZone): CardZone {
  const height = 1 - FOOTER_BAND.top;
  const top = (zone.area.top - FOOTER_BAND.top) / height;
  return { ...zone, area: { ...zone.area, top, height: zone.area.height / height }, scale: zone.scale / FOOTER_BAND.scale };
}

/** A zone in pixels of an image of `size`, clamped inside it. */
export function zoneRect(area: ZoneFraction, size: { width: number; height: number }) {
  const left = Math.max(0, Math.round(area.left * size.width));
  const top = Math.max(0, Math.round(area.top * size.height));
  const width = Math.min(size.width - left, Math.round(area.width * size.width));
  const height = Math.min(size.height - top, Math.round(area.height * size.height));
  return { left, top, width, height };
}
