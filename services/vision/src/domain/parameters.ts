/**
 * Every fitted constant of vision, in one place, each with what it was fitted on. "The shared set" is the 158
 * labelled images of the shared bench (148 scans, 9 photos, 1 binder page); constants fitted before the split of
 * `bench:recognition --split A|B` were fitted on both halves, so half B is not held out for them: a change to one
 * of them is fitted on half A and checked on half B (services/vision/bench/README.md). Geometry the card's print
 * fixes (the card's 63:88 aspect, where zones lie) stays with the code that uses it.
 */

/** Which way up a warped card is read first, and what settles it. */
export const ORIENTATION = {
  /**
   * Bands of the upright card where its art (upper) and its text (lower) print lie, and the small print counted in
   * them (glyph heights as fractions of the card's height, the body text's). Fitted on the shared set, both halves.
   */
  layout: {
    art: { left: 0.05, top: 0.08, width: 0.9, height: 0.37 },
    text: { left: 0.05, top: 0.55, width: 0.9, height: 0.37 },
    glyph: { min: 0.008, max: 0.025 },
    /** Under this share of the glyphs in the text band, the card lies upside down. Fitted on the shared set. */
    flipped: 0.25,
    /** Under this share, it leans upside down (a glance decides). Fitted on the shared set, photos turned over. */
    leaning: 0.5,
  },
  /** Pieces of evidence (number with a whole total, HP, copyright year) that settle a rotation. Fitted on the shared set. */
  settled: 2,
  /** A name read upside down must be this confident to turn a card over. Fitted on the shared scans turned 180°. */
  confidentName: 0.6,
  /** …and this much more confident than the name read the other way. Fitted on the shared scans turned 180°. */
  nameMargin: 0.15,
} as const;

/** The name band and the trainer's name line below it. */
export const NAME_BAND = {
  /** A name read at least this confident is clearly read (the line below is not read). Fitted on the shared set. */
  clearName: 0.7,
  /** A name on the line below at least this confident is a trainer's. Fitted on the shared set's trainers. */
  trainerLine: 0.6,
  /** Preparations of the name band, tried in order until one gives a name. Order fitted on the shared set. */
  passes: [
    { scale: 0.5, tone: "brightest" },
    { scale: 1, tone: "luma", denoise: true },
    { scale: 1, tone: "luma", binarize: true },
  ],
} as const;

/** The HP read again when neither its zone nor the name band gave one. */
export const HP_RETRY = {
  /** White print: pixels at least this light after stretching become ink. Fitted on the shared set's foils. */
  lightInk: 180,
  /** A white-print read under this confidence is not taken (black print read so is noise). Fitted on the shared set. */
  minConfidence: 0.2,
} as const;

/** The collector number line. */
export const NUMBER_LINE = {
  /** A card under this fraction of the canonical height in the original has its number band warped afresh. Fitted on the binder page and synthetic pages. */
  smallCard: 0.9,
  /** How long the footer may take before the number line's first zone is read ahead. Timed on the shared set, 2 cores. */
  readAheadMs: 300,
  /** Number zones read at once: the OCR workers of a two-core machine. Timed on the shared set, 2 cores. */
  zonesAtOnce: 2,
  /**
   * Passes over the number line, in order: which zones (`sparse`: the bottom line's halves as sparse text;
   * `footer+strips`, `strips`, `right strips`) and how prepared. Order fitted on the shared set, both halves.
   */
  passes: [
    { zones: "sparse", scale: 2, tone: "luma" },
    { zones: "footer+strips", scale: 4, tone: "brightest" },
    { zones: "strips", scale: 3, tone: "luma" },
    { zones: "right strips", scale: 2, tone: "luma", binarize: true },
    { zones: "footer+strips", scale: 3, tone: "brightest", binarize: true },
  ],
  /**
   * The number looked for as words of glyphs: glyph heights (fractions of the card's height), the margin cut around
   * a word (of its height), the height it is scaled to, the least confidence of a read, the most words read.
   * Fitted on the shared photos turned 90° and the synthetic 3×3 pages.
   */
  words: { glyph: { min: 0.007, max: 0.03 }, margin: 0.6, height: 40, lightInk: 180, minConfidence: 0.3, most: 16 },
} as const;

/** Pages of cards. */
export const PAGE = {
  /** Cards settled one way that make it the page's way. Fitted on the binder page turned 180°. */
  settled: 2,
  /** Cards of one page read at once. Timed on the synthetic 3×3 pages and the binder page, 2 cores. */
  cardsAtOnce: 2,
} as const;

/** Finding the card's outline. */
export const DETECTION = {
  /** Long side the image is shrunk to before edges are looked for. Timed on the shared set. */
  workingSize: 800,
  /** Smallest single card, as a fraction of the image. Fitted on the shared photos. */
  minCardArea: 0.1,
  /** Smallest card on a page of cards, as a fraction of the image. Fitted on the synthetic 3×3 pages. */
  pageCardArea: 0.02,
  /** Canny's thresholds. Fitted on the shared set. */
  canny: { low: 30, high: 100 },
  /** The adaptive threshold's block and offset (a second edge map). Fitted on the shared set. */
  adaptive: { block: 21, offset: 5 },
  /** Polygon approximations tried on a contour's hull, as fractions of its perimeter. Fitted on the shared photos. */
  approxEpsilons: [0.02, 0.04, 0.06],
  /** Least fraction of edge pixels in the middle of a quad holding a card (print). Fitted on synthetic blank sheets and empty pockets. */
  minEdgeDensity: 0.02,
  /** A contour must fill this much of its quad. Fitted on the shared photos. */
  contourFill: 0.8,
  /** How far from a card's short/long ratio a quad may be to be card-shaped (perspective). Fitted on the shared photos. */
  aspectTolerance: 0.12,
  /** A frame within this of a card's ratio is the card itself (a scan). Fitted on the shared scans. */
  tightFrame: 0.02,
  /** A card lying square to a tight frame runs within this of its axes (radians). Fitted on the shared scans. */
  squareOn: 0.035,
  /** In a frame shaped like a card, a quad under this fraction of it is its art window or text box. Fitted on the shared photos. */
  closeUpCardArea: 0.5,
  /** How far around a page's quad the card's own border is looked for, as a fraction of its size. Fitted on the binder page. */
  quadMargin: 0.06,
  /** A card of a page smaller than this fraction of the largest is not one of them. Fitted on the synthetic pages. */
  sameSize: 0.45,
  /**
   * A card-shaped outline held in another that fills at least this much of it (facing the same way) is the card in
   * a holder: a sleeve's card fills about 0.9 of it, a 3×4 in toploader's 0.72; a card's panels (art window, text
   * box, a half) 0.5 at most. Set from those sizes, not fitted on bench images.
   */
  holderFill: 0.62,
  /** A card's panel taken for the card fills at least this share of it (a half, an art window: 0.3 to 0.5). Set, not fitted. */
  panelShare: 0.25,
  /**
   * A contour filling at least this much of its card-shaped quad is an outline found firmly; from `looseFill`, only a
   * card holding a panel found firmly (a sleeved card's edge broken by a speckled counter's specks filled 0.54 to
   * 0.68 on synthetic photos). `contourFill` above was fitted on the shared photos.
   */
  looseFill: 0.5,
  /**
   * The ring between a holder's outline and its card is see-through when its mean colour is within this RGB distance
   * of what lies just outside: a card's printed border (yellow on a black shop background) is far. Set, checked on
   * the synthetic toploader and the shared half A's photos.
   */
  seeThrough: 60,
  /** Two outlines whose areas are within this ratio are the same one found twice. Set, not fitted. */
  sameOutline: 0.97,
} as const;

/** A card in a holder (toploader, magnetic case): GrabCut's region, then its border. Fitted on the shared photos of cards in holders. */
export const HELD_CARD = {
  segmentSize: 300,
  backgroundMargin: 0.08,
  firstMargin: 0.1,
  secondMargin: 0.08,
  /** A rough region's border search: depth, smallest border, shape tolerance, line peak. */
  rough: { band: 0.25, minArea: 0.33, tolerance: 0.03, peak: 1.3 },
} as const;

/**
 * The card's own border searched inside a region (a close-up's frame, a page's pocket): how deep each side's band
 * is, how far from a card's ratio, the border's least area (of the region), how far a line's gradient must stand
 * above its band's mean, the lines kept per side and the slopes tried. Fitted on the shared photos and binder page.
 */
export const BORDER = {
  band: 0.2,
  tolerance: 0.02,
  minArea: 0.45,
  peak: 2,
  peaksPerSide: 3,
  slopes: [-0.06, -0.04, -0.02, 0, 0.02, 0.04, 0.06],
} as const;

/** Glyphs as blobs of an adaptive threshold (the print layout, the number's words). Fitted on the shared set. */
export const GLYPHS = {
  /** The threshold's window, in tallest glyphs. */
  window: 1.3,
  /** How much darker (lighter) than the mean around it print is, in grey levels. */
  contrast: 6,
  /** A glyph is at most this much wider than tall. */
  maxWidth: 1.6,
  /** …and fills at least this much of its box. */
  minFill: 0.12,
} as const;
