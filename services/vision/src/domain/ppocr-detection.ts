import { resizeBilinear, type GreyImage } from "./grey-image";

/**
 * PP-OCR's text detection (a DB model) around the model: the input sized and normalised as PaddleOCR's
 * `DetResizeForTest` and `NormalizeImage` do, and its probability map turned into text boxes as its `DBPostProcess`
 * does, with axis-aligned boxes (a zone is cut from a card already straightened: its lines run level).
 */

/** A box in an image's pixels, right and bottom edges excluded. */
export interface TextBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** The mean text probability inside the box, before it was grown. */
  score: number;
}

export interface DetectionSettings {
  /** The longer side is brought down to this (PaddleOCR's `limit_side_len`, `limit_type: max`); never up. */
  maxSide: number;
  /** The shorter side is brought up to this, when smaller (a one-line zone leaves the model too little to see). */
  minSide: number;
  /** A pixel is text above this probability (`thresh`). */
  threshold: number;
  /** A box is kept when its mean probability reaches this (`box_thresh`). */
  boxThreshold: number;
  /** How far a box is grown: its area times this over its perimeter, on every side (`unclip_ratio`). */
  unclipRatio: number;
  /** Boxes with a side under this many map pixels are dropped (`min_size`). */
  minSize: number;
}

/** PaddleOCR's defaults for PP-OCRv4 detection, with a minimum side for the small zones of a card. */
export const PPOCR_DETECTION: DetectionSettings = { maxSide: 960, minSide: 64, threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSize: 3 };

/** The model's input size for an image: scaled into [minSide, maxSide], each side rounded to a multiple of 32. */
export function detectionSize(width: number, height: number, s: Pick<DetectionSettings, "maxSide" | "minSide"> = PPOCR_DETECTION): { width: number; height: number } {
  let ratio = Math.max(width, height) > s.maxSide ? s.maxSide / Math.max(width, height) : 1;
  if (Math.min(width, height) * ratio < s.minSide) ratio = Math.min(s.minSide / Math.min(width, height), s.maxSide / Math.max(width, height));
  const to32 = (n: number) => Math.max(32, Math.round((n * ratio) / 32) * 32);
  return { width: to32(width), height: to32(height) };
}

/** ImageNet's mean and deviation per channel, as PaddleOCR normalises detection input (a grey pixel in all three). */
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** The detection input for a grey image: resized to `size`, three planes (NCHW) of `(v / 255 - mean) / std`. */
export function detectionTensor(image: GreyImage, size: { width: number; height: number }): Float32Array {
  const grey = resizeBilinear(image, { left: 0, top: 0, width: image.width, height: image.height }, size.width, size.height);
  const plane = size.width * size.height;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) for (let i = 0; i < plane; i++) out[c * plane + i] = (grey[i] / 255 - MEAN[c]) / STD[c];
  return out;
}

/**
 * Text boxes from the model's probability map (`width`×`height`), in the pixels of an image `target` big: the map
 * thresholded, its 8-connected regions each boxed, a box kept when big enough and its mean probability reaches the
 * box threshold, then grown by the unclip distance (area × ratio / perimeter: DB shrinks text regions when it
 * learns them) and scaled to the image.
 */
export function textBoxes(
  prob: Float32Array,
  width: number,
  height: number,
  target: { width: number; height: number },
  s: DetectionSettings = PPOCR_DETECTION,
): TextBox[] {
  const boxes: TextBox[] = [];
  for (const region of regions(prob, width, height, s.threshold)) {
    // Sides measured between pixel centres, as a contour's points are.
    const [w, h] = [region.x1 - region.x0, region.y1 - region.y0];
    if (Math.min(w, h) < s.minSize) continue;
    const score = meanIn(prob, width, region);
    if (score < s.boxThreshold) continue;
    const grow = unclipDistance(w, h, s.unclipRatio);
    if (Math.min(w, h) + 2 * grow < s.minSize + 2) continue;
    const [fx, fy] = [target.width / width, target.height / height];
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
    boxes.push({
      left: clamp((region.x0 - grow) * fx, target.width),
      top: clamp((region.y0 - grow) * fy, target.height),
      right: clamp((region.x1 + 1 + grow) * fx, target.width),
      bottom: clamp((region.y1 + 1 + grow) * fy, target.height),
      score,
    });
  }
  return boxes.filter((b) => b.right > b.left && b.bottom > b.top);
}

/** How far DB's shrunk region of a `w`×`h` box is grown on every side: its area × `ratio` over its perimeter. */
export function unclipDistance(w: number, h: number, ratio: number): number {
  return w + h > 0 ? (w * h * ratio) / (2 * (w + h)) : 0;
}

interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The bounding boxes (inclusive) of the 8-connected regions of pixels above `threshold`. */
function regions(prob: Float32Array, width: number, height: number, threshold: number): Region[] {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const found: Region[] = [];
  for (let start = 0; start < prob.length; start++) {
    if (seen[start] || !(prob[start] > threshold)) continue;
    const r = { x0: width, y0: height, x1: -1, y1: -1 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const [x, y] = [p % width, Math.floor(p / width)];
      r.x0 = Math.min(r.x0, x);
      r.x1 = Math.max(r.x1, x);
      r.y0 = Math.min(r.y0, y);
      r.y1 = Math.max(r.y1, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (!seen[q] && prob[q] > threshold) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    found.push(r);
  }
  return found;
}

/** The mean of the map inside a region's box (PaddleOCR's `box_score_fast` for a level box). */
function meanIn(prob: Float32Array, width: number, r: Region): number {
  let sum = 0;
  for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) sum += prob[y * width + x];
  return sum / ((r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1));
}
