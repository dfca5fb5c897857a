import type { Mat } from "@u4/opencv4nodejs";
import type { Point } from "@poke-ventory/contracts";
import { orderCorners } from "../domain/card-geometry";
import { HELD_CARD } from "../domain/parameters";
import { loadOpenCV } from "./load-opencv";
import { refineCardQuad } from "./refine-card-quad";

const cv = loadOpenCV();

/**
 * Long side of the image GrabCut segments (it costs about 0.2 s there); the margin it is told is background, as a
 * fraction of each side; margins of the two border searches: around GrabCut's region, then around the first border.
 */
const { segmentSize: SEGMENT_SIZE, backgroundMargin: BACKGROUND_MARGIN, firstMargin: FIRST_MARGIN, secondMargin: SECOND_MARGIN } = HELD_CARD;

/**
 * A card in a toploader or a magnetic case, where no contour is card-shaped: the case's clear plastic joins the
 * card's edges to the table behind. GrabCut separates the middle of the photo from its margins, which gives a rough
 * region (it takes in part of the case); the card's border is then searched twice, around that region and around the
 * first border found, each time with weak edges allowed and its shape checked in the image. `rgb` is the working-size
 * image; null when no card-shaped border is found.
 */
export function findHeldCard(rgb: Mat): Point[] | null {
  const seed = foregroundQuad(rgb);
  if (!seed) return null;
  const first = refineCardQuad(rgb, seed, FIRST_MARGIN, true);
  if (!first) return null;
  return refineCardQuad(rgb, first, SECOND_MARGIN, true) ?? first;
}

/** The quadrilateral around GrabCut's largest foreground region, in `rgb`'s pixels; null when it has no four corners. */
function foregroundQuad(rgb: Mat): Point[] | null {
  const scale = Math.min(1, SEGMENT_SIZE / Math.max(rgb.cols, rgb.rows));
  const small = scale < 1 ? rgb.resize(Math.round(rgb.rows * scale), Math.round(rgb.cols * scale), 0, 0, cv.INTER_AREA) : rgb;
  const mask = new cv.Mat(small.rows, small.cols, cv.CV_8UC1, 0);
  const mx = Math.round(small.cols * BACKGROUND_MARGIN);
  const my = Math.round(small.rows * BACKGROUND_MARGIN);
  const models = () => new cv.Mat(1, 65, cv.CV_64FC1, 0);
  small.grabCut(mask, new cv.Rect(mx, my, small.cols - 2 * mx, small.rows - 2 * my), models(), models(), 3, cv.GC_INIT_WITH_RECT);
  // GrabCut labels: 1 sure foreground, 3 probable foreground.
  const labels = mask.getData();
  const foreground = Buffer.alloc(labels.length);
  for (let i = 0; i < labels.length; i++) foreground[i] = labels[i] === 1 || labels[i] === 3 ? 255 : 0;
  const region = new cv.Mat(foreground, small.rows, small.cols, cv.CV_8UC1)
    .findContours(cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE)
    .sort((a, b) => b.area - a.area)[0];
  if (!region) return null;
  const hull = region.convexHull();
  const corners = hull.approxPolyDP(0.04 * hull.arcLength(true), true);
  if (corners.length !== 4) return null;
  return orderCorners(corners.map((p): Point => [p.x / scale, p.y / scale]));
}
