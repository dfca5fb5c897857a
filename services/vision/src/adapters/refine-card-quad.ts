import type { Mat } from "@u4/opencv4nodejs";
import type { Point } from "@poke-ventory/contracts";
import { findCardBorder, type BorderSearchOptions, type GradientMap } from "../domain/card-border";
import { quadSides } from "../domain/card-geometry";
import { HELD_CARD } from "../domain/parameters";
import { loadOpenCV } from "./load-opencv";

const cv = loadOpenCV();

/**
 * The card's own border around an ordered quad of an RGB image: the quad grown by `margin` (a fraction of its size)
 * is straightened, its gradients searched for a card-shaped border ({@link findCardBorder}), and the border mapped
 * back into the image. A border around a found quad must lie within it (a quad found on a page is the card or its
 * pocket, never less than the card). Null when no card-shaped border is found (keep the quad).
 *
 * A `rough` quad (a region guessed by colour, not a quadrilateral found in the image) may be off by more than the
 * margin's worth on a side and need not be card-shaped: its sides are searched deeper, the border may be anywhere
 * from a third of the region to all of it, and its shape is checked in the image.
 */
export function refineCardQuad(rgb: Mat, quad: Point[], margin: number, rough = false): Point[] | null {
  const cx = quad.reduce((s, p) => s + p[0], 0) / 4;
  const cy = quad.reduce((s, p) => s + p[1], 0) / 4;
  const region = quad.map(([x, y]): Point => [cx + (x - cx) * (1 + 2 * margin), cy + (y - cy) * (1 + 2 * margin)]);
  const { horizontal, vertical } = quadSides(region);
  const width = Math.round(horizontal);
  const height = Math.round(vertical);
  if (width < 40 || height < 40) return null;
  const rect: Point[] = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]];
  const toRect = cv.getPerspectiveTransform(points(region), points(rect));
  const straight = rgb.warpPerspective(toRect, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
  const grown = (1 + 2 * margin) ** 2;
  const back = cv.getPerspectiveTransform(points(rect), points(region)).getDataAsArray();
  const toImage = ([x, y]: Point): Point => {
    const w = back[2][0] * x + back[2][1] * y + back[2][2];
    return [(back[0][0] * x + back[0][1] * y + back[0][2]) / w, (back[1][0] * x + back[1][1] * y + back[1][2]) / w];
  };
  const search: BorderSearchOptions = rough
    ? { band: ROUGH_BAND, minArea: ROUGH_MIN_AREA, maxArea: 1, regionEdges: false, tolerance: ROUGH_TOLERANCE, toImage, inset: 3, peak: ROUGH_PEAK }
    : { maxArea: 1.03 / grown, minArea: 0.6 / grown, regionEdges: margin === 0 };
  const border = findCardBorder(gradients(straight), search);
  return border ? border.map(toImage) : null;
}

/**
 * A rough region's search: how deep its sides are searched (a fraction of the region across them), the smallest
 * border (a fraction of it), how far from a card's shape the border may be (perspective), and how little its lines
 * need stand out (a card's thin silver edge against clear plastic).
 */
const { band: ROUGH_BAND, minArea: ROUGH_MIN_AREA, tolerance: ROUGH_TOLERANCE, peak: ROUGH_PEAK } = HELD_CARD.rough;

/** Absolute Sobel gradients of the blurred image, the strongest of its three channels at each pixel. */
function gradients(rgb: Mat): GradientMap {
  const blurred = rgb.gaussianBlur(new cv.Size(5, 5), 0);
  const channels = blurred.splitChannels();
  const size = rgb.rows * rgb.cols;
  const gx = new Float32Array(size);
  const gy = new Float32Array(size);
  for (const channel of channels) {
    const x = floats(channel.sobel(cv.CV_32F, 1, 0, 3));
    const y = floats(channel.sobel(cv.CV_32F, 0, 1, 3));
    for (let i = 0; i < size; i++) {
      gx[i] = Math.max(gx[i], Math.abs(x[i]));
      gy[i] = Math.max(gy[i], Math.abs(y[i]));
    }
  }
  return { gx, gy, width: rgb.cols, height: rgb.rows };
}

const floats = (m: Mat) => {
  const buf = m.getData();
  const aligned = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
};

const points = (ps: Point[]) => ps.map(([x, y]) => new cv.Point2(x, y));
