import type { Mat } from "@u4/opencv4nodejs";
import type { Point } from "@poke-ventory/contracts";
import { frameQuad, isCardRatio, isSquareOn, orderCorners, polygonArea, shapeRatio } from "../domain/card-geometry";
import { refineCardQuad } from "./refine-card-quad";
import { cardAmong, outlinesHolding } from "../domain/whole-card";
import { findHeldCard } from "./find-held-card";
import { centre, distinctCards, gridOrder, insideQuad } from "../domain/card-layout";
import type { CardDetector, CardQuad, PixelRect, RawImage } from "../ports";
import { DETECTION, GLYPHS } from "../domain/parameters";
import { loadOpenCV } from "./load-opencv";

const cv = loadOpenCV();

/** Smallest card on a page of cards, as a fraction of the image (a 3×3 page photographed with a margin). */
const PAGE_CARD_AREA = DETECTION.pageCardArea;

/** Least fraction of edge pixels in a pocket holding a card (text and art); an empty pocket has next to none. */
const MIN_EDGE_DENSITY = DETECTION.minEdgeDensity;

/** How far around a found quad its border is looked for, as a fraction of its size. */
const QUAD_MARGIN = DETECTION.quadMargin;

/** A frame within this of a card's shape (short/long) is taken as the card itself. */
const TIGHT_FRAME = DETECTION.tightFrame;

/** In an image framed like a card (a close-up), a quad smaller than this fraction of it is its art window or text box. */
const CLOSE_UP_CARD_AREA = DETECTION.closeUpCardArea;

export interface OpencvCardDetectorOptions {
  /** Long side the image is shrunk to before looking for edges (the warp reads full resolution). */
  workingSize?: number;
  /** Smallest card, as a fraction of the image area. */
  minAreaFraction?: number;
}

/**
 * OpenCV behind the {@link CardDetector} port: card-shaped quadrilaterals among the contours of three maps (Canny,
 * adaptive threshold, Otsu brightness segmentation). Several distinct cards of a size are a page, returned in grid
 * order, each narrowed to its card's own border when one is found inside it (a pocket's edge is not the card's).
 * Otherwise one card, which shows print:
 * - in a photo not framed like a card, the card among the card-shaped quads ({@link cardAmong}: not its sleeve's or
 *   toploader's outline; the card holding a panel found alone, {@link cardHolding}), else a card in a holder
 *   ({@link findHeldCard});
 * - in an image framed like a card (a scan, a close-up), a quad filling most of it; else, when the frame is only
 *   roughly a card's shape (a 4:3 photo), a card lying in it as in other photos, else the card's border found inside
 *   the frame, else a held card; else the whole frame.
 */
export class OpencvCardDetector implements CardDetector {
  private readonly workingSize: number;
  private readonly minAreaFraction: number;

  constructor(opts: OpencvCardDetectorOptions = {}) {
    this.workingSize = opts.workingSize ?? DETECTION.workingSize;
    this.minAreaFraction = opts.minAreaFraction ?? DETECTION.minCardArea;
  }

  async detect(image: RawImage): Promise<CardQuad[]> {
    const scale = Math.min(1, this.workingSize / Math.max(image.width, image.height));
    const rgb = new cv.Mat(image.data, image.height, image.width, cv.CV_8UC3);
    const small = scale < 1 ? rgb.resize(Math.round(image.height * scale), Math.round(image.width * scale), 0, 0, cv.INTER_AREA) : rgb;
    const pad = 4;
    const padded = small.cvtColor(cv.COLOR_RGB2GRAY).copyMakeBorder(pad, pad, pad, pad, cv.BORDER_REPLICATE);
    const grey = padded.gaussianBlur(new cv.Size(5, 5), 0);
    const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3));
    const canny = grey.canny(DETECTION.canny.low, DETECTION.canny.high);
    const edgeMaps = [
      canny.dilate(kernel, new cv.Point2(-1, -1), 2),
      grey.adaptiveThreshold(255, cv.ADAPTIVE_THRESH_GAUSSIAN_C, cv.THRESH_BINARY_INV, DETECTION.adaptive.block, DETECTION.adaptive.offset).dilate(kernel),
      // Brightness segmentation: bright cards on a dark page or table where their edges are weak (full art, holo).
      grey.threshold(0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU),
    ];
    // An image framed like a card is a scan or a close-up: only a quad filling most of it is the card, smaller
    // ones are its art window or text box — unless several cards of a size lie side by side (a binder page), or
    // the frame is a 4:3 photo's (short/long 0.75, as near a card's) with a card lying in it.
    const frameIsCard = isCardRatio(shapeRatio(frameQuad(image.width, image.height)));
    const area = small.rows * small.cols;
    const frame = { width: padded.cols, height: padded.rows, margin: pad + 3 };
    const outlines = edgeMaps.flatMap((edges) => cardQuads(edges, PAGE_CARD_AREA * area)).filter(({ quad }) => cornersOnFrame(quad, frame) < 2);
    const quads = outlines.filter((o) => o.fill > DETECTION.contourFill).map((o) => o.quad);
    const loose = outlines.filter((o) => o.fill <= DETECTION.contourFill).map((o) => o.quad);
    const toImage = (p: Point): Point => [
      clamp(p[0] / scale, 0, image.width - 1),
      clamp(p[1] / scale, 0, image.height - 1),
    ];
    const unpad = (q: Point[]): Point[] => q.map(([x, y]) => [x - pad, y - pad]);
    // A pocket's edge is often found for its card: look for the card's own border inside it.
    const refined = (q: Point[]) => (refineCardQuad(small, q, QUAD_MARGIN) ?? q).map(toImage);
    // Empty pockets of a page are card-shaped too: a card inside shows print (edges), an empty pocket next to none.
    const cards = distinctCards(quads).filter((q) => edgeDensity(canny, q) >= MIN_EDGE_DENSITY);
    if (cards.length >= 2) {
      // One card's panels (its halves, card-shaped turned a quarter) look like a page of two: the outline holding
      // them all as a card holds its panels is read should none of them read anything.
      const [holding] = outlinesHolding(cards, outlines.map((o) => o.quad).filter((q) => edgeDensity(canny, q) >= MIN_EDGE_DENSITY));
      const fallback = holding ? unpad(holding).map(toImage) : undefined;
      return gridOrder(cards).map(({ quad, position }) => ({ corners: refined(unpad(quad)), position, ...(fallback && { fallback }) }));
    }
    // A frame shaped exactly like a card is a scan or a tight crop: a card inside it lies square to the frame, a
    // skewed quad there is made of the art's lines; with none, the frame is the card.
    const tight = isCardRatio(shapeRatio(frameQuad(image.width, image.height)), TIGHT_FRAME);
    // A card shows print: a blank card-shaped sheet is not one. Largest first.
    const printed = quads
      .filter((q) => (!tight || isSquareOn(q)) && edgeDensity(canny, q) >= MIN_EDGE_DENSITY)
      .sort((a, b) => polygonArea(b) - polygonArea(a));
    const largest = (fraction: number) => printed.find((q) => polygonArea(q) >= fraction * area);
    // Several outlines may be card-shaped: a holder's, the card's, a panel's. The card is the one among them that
    // no other holds as a holder holds its card ({@link cardAmong}), or the outline found less firmly that holds it
    // as a card holds a panel ({@link cardHolding}): a card's edge broken by specks and glare, its art window whole.
    // Of several loose outlines holding it, the smallest is taken and the largest read should it read too little (the
    // smallest may be the card's inner frame, its name line left out).
    const wholeCard = (fraction: number): CardQuad[] | null => {
      const found = cardAmong(
        printed.filter((q) => polygonArea(q) >= fraction * area),
        (outer, inner) => seeThrough(small, unpad(outer), unpad(inner)),
      );
      if (!found) return null;
      const holding = outlinesHolding([found], loose);
      const card = unpad(holding[0] ?? found).map(toImage);
      if (holding.length < 2) return one(card);
      return [{ corners: card, position: null, fallback: unpad(holding[holding.length - 1]).map(toImage) }];
    };
    const one = (corners: Point[]): CardQuad[] => [{ corners, position: null }];
    // The card's edge found loosely (a contour filling little of its quad: a card tilted on a light table, its edge
    // broken by glare), the largest showing print: read when a last resort's outline reads nothing.
    const withLooseOutline = (corners: Point[]): CardQuad[] => {
      const outlines = loose.filter((q) => polygonArea(q) >= this.minAreaFraction * area && edgeDensity(canny, q) >= MIN_EDGE_DENSITY);
      if (outlines.length === 0) return one(corners);
      const largest = outlines.reduce((a, b) => (polygonArea(b) > polygonArea(a) ? b : a));
      return [{ corners, position: null, fallback: unpad(largest).map(toImage) }];
    };
    const held = () => {
      const quad = findHeldCard(small);
      return quad && edgeDensity(canny, quad.map(([x, y]): Point => [x + pad, y + pad])) >= MIN_EDGE_DENSITY ? quad : null;
    };
    if (!frameIsCard) {
      const best = wholeCard(this.minAreaFraction);
      if (best) return best;
      // No contour is card-shaped: a card in a toploader or a case, or no card (it must show print).
      const quad = held();
      return quad ? one(quad.map(toImage)) : [];
    }
    const best = largest(CLOSE_UP_CARD_AREA);
    if (best) return one(unpad(best).map(toImage));
    // A frame shaped like a card but with no print in it (a blank sheet, a wall) holds no card.
    if (edgeDensity(canny, frameQuad(padded.cols, padded.rows)) < MIN_EDGE_DENSITY) return [];
    if (tight) return one(frameQuad(image.width, image.height));
    // A frame only roughly a card's shape (a 4:3 photo): a card lying in it as in other photos, else its border
    // inside the frame (a close-up), else held, else the frame.
    const lying = wholeCard(this.minAreaFraction);
    if (lying) return lying;
    const border = refineCardQuad(small, frameQuad(small.cols, small.rows), 0);
    if (border) return withLooseOutline(border.map(toImage));
    const quad = held();
    return withLooseOutline(quad ? quad.map(toImage) : frameQuad(image.width, image.height));
  }

  async warp(image: RawImage, corners: Point[], size: { width: number; height: number }): Promise<RawImage> {
    const rgb = new cv.Mat(image.data, image.height, image.width, cv.CV_8UC3);
    const src = corners.map(([x, y]) => new cv.Point2(x, y));
    const dst = [
      new cv.Point2(0, 0),
      new cv.Point2(size.width - 1, 0),
      new cv.Point2(size.width - 1, size.height - 1),
      new cv.Point2(0, size.height - 1),
    ];
    const matrix = cv.getPerspectiveTransform(src, dst);
    const warped = rgb.warpPerspective(matrix, new cv.Size(size.width, size.height), cv.INTER_CUBIC, cv.BORDER_REPLICATE);
    return { data: warped.getData(), width: size.width, height: size.height };
  }

  /**
   * Glyphs as the connected blobs of an adaptive threshold (print darker, or lighter, than the mean around it, over
   * a window a little taller than the tallest glyph): it holds on any ground, where one threshold for the zone loses
   * print on a foil or outlined in another tone. A blob is a glyph when of a glyph's height, at most a little wider
   * than tall, and not a thin outline (it fills an eighth of its box at least).
   */
  async findGlyphs(image: RawImage, rect: PixelRect, ink: "dark" | "light", height: { min: number; max: number }): Promise<PixelRect[]> {
    const rgb = new cv.Mat(image.data, image.height, image.width, cv.CV_8UC3);
    const grey = rgb.getRegion(new cv.Rect(rect.left, rect.top, rect.width, rect.height)).cvtColor(cv.COLOR_RGB2GRAY);
    const window = Math.max(3, Math.round(GLYPH_WINDOW * height.max) | 1);
    const mode = ink === "dark" ? cv.THRESH_BINARY_INV : cv.THRESH_BINARY;
    const { stats } = grey.adaptiveThreshold(255, cv.ADAPTIVE_THRESH_MEAN_C, mode, window, GLYPH_CONTRAST).connectedComponentsWithStats(8);
    const glyphs: PixelRect[] = [];
    for (let i = 1; i < stats.rows; i++) {
      const [left, top, width, h, area] = [0, 1, 2, 3, 4].map((k) => stats.at(i, k));
      if (h < height.min || h > height.max || width > GLYPH_MAX_WIDTH * h || area < GLYPH_MIN_FILL * width * h) continue;
      glyphs.push({ left: rect.left + left, top: rect.top + top, width, height: h });
    }
    return glyphs;
  }
}

const { window: GLYPH_WINDOW, contrast: GLYPH_CONTRAST, maxWidth: GLYPH_MAX_WIDTH, minFill: GLYPH_MIN_FILL } = GLYPHS;

/** Card-shaped convex quadrilaterals among the contours of an edge map, with how much of each its contour fills. */
function cardQuads(edges: Mat, minArea: number): { quad: Point[]; fill: number }[] {
  const quads: { quad: Point[]; fill: number }[] = [];
  for (const contour of edges.findContours(cv.RETR_LIST, cv.CHAIN_APPROX_SIMPLE)) {
    if (contour.area < minArea) continue;
    const hull = contour.convexHull();
    const perimeter = hull.arcLength(true);
    for (const epsilon of DETECTION.approxEpsilons) {
      const points = hull.approxPolyDP(epsilon * perimeter, true);
      if (points.length !== 4) continue;
      const quad = orderCorners(points.map((p) => [p.x, p.y] as Point));
      // The contour must fill its quad (a blob that happens to have four extreme points is not a card), firmly or
      // loosely ({@link DETECTION}).
      const fill = contour.area / polygonArea(quad);
      if (isCardRatio(shapeRatio(quad)) && fill > DETECTION.looseFill) quads.push({ quad, fill });
      break;
    }
  }
  return quads;
}

/**
 * True when the ring between two nested quads of an RGB image is about the colour of what lies just outside the
 * outer one: clear plastic (a sleeve, a toploader) shows the table through it, where a card's printed border differs.
 */
function seeThrough(rgb: Mat, outer: Point[], inner: Point[]): boolean {
  const [cx, cy] = centre(outer);
  const around = outer.map(([x, y]): Point => [cx + (x - cx) * 1.12, cy + (y - cy) * 1.12]);
  const data = rgb.getData();
  const sums = { ring: [0, 0, 0, 0], outside: [0, 0, 0, 0] };
  const xs = around.map((p) => p[0]);
  const ys = around.map((p) => p[1]);
  for (let y = Math.max(0, Math.round(Math.min(...ys))); y < Math.min(rgb.rows, Math.max(...ys)); y += 2) {
    for (let x = Math.max(0, Math.round(Math.min(...xs))); x < Math.min(rgb.cols, Math.max(...xs)); x += 2) {
      const p: Point = [x, y];
      const sum = insideQuad(p, inner) ? null : insideQuad(p, outer) ? sums.ring : insideQuad(p, around) ? sums.outside : null;
      if (!sum) continue;
      const i = (y * rgb.cols + x) * 3;
      sum[0] += data[i];
      sum[1] += data[i + 1];
      sum[2] += data[i + 2];
      sum[3]++;
    }
  }
  const mean = (s: number[]) => s.slice(0, 3).map((v) => v / Math.max(1, s[3]));
  const [ring, outside] = [mean(sums.ring), mean(sums.outside)];
  return Math.hypot(ring[0] - outside[0], ring[1] - outside[1], ring[2] - outside[2]) <= DETECTION.seeThrough;
}

/** The fraction of edge pixels in the middle of a quad (its bounding box less a fifth on each side). */
function edgeDensity(edges: Mat, quad: Point[]): number {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const left = Math.max(0, Math.round(x0 + (x1 - x0) * 0.2));
  const top = Math.max(0, Math.round(y0 + (y1 - y0) * 0.2));
  const width = Math.min(edges.cols - left, Math.round((x1 - x0) * 0.6));
  const height = Math.min(edges.rows - top, Math.round((y1 - y0) * 0.6));
  if (width < 4 || height < 4) return 0;
  return edges.getRegion(new cv.Rect(left, top, width, height)).countNonZero() / (width * height);
}

/** Corners lying on the image's edge: clutter running off the frame makes such quads, cards rarely do. */
function cornersOnFrame(quad: Point[], frame: { width: number; height: number; margin: number }): number {
  const { width, height, margin } = frame;
  return quad.filter(([x, y]) => x <= margin || y <= margin || x >= width - 1 - margin || y >= height - 1 - margin).length;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
