import { describe, expect, it } from "vitest";
import { detectionSize, detectionTensor, PPOCR_DETECTION, textBoxes, unclipDistance } from "./ppocr-detection";

/** A probability map `width`×`height` of zeros with rectangles (inclusive corners) set to `p`. */
function map(width: number, height: number, rects: { x0: number; y0: number; x1: number; y1: number; p: number }[]): Float32Array {
  const prob = new Float32Array(width * height);
  for (const r of rects) for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) prob[y * width + x] = r.p;
  return prob;
}

describe("detectionSize", () => {
  it.each([
    // [width, height] → model input: multiples of 32, the long side at most 960, the short one at least 64.
    [455, 77, 448, 64],
    [763, 184, 768, 192],
    [1200, 300, 960, 256],
    [300, 40, 480, 64],
    [2000, 20, 960, 32],
    [10, 10, 64, 64],
  ])("%i×%i → %i×%i", (w, h, width, height) => {
    expect(detectionSize(w, h)).toEqual({ width, height });
  });
});

describe("detectionTensor", () => {
  it("gives three planes normalised with ImageNet's mean and deviation", () => {
    const t = detectionTensor({ width: 1, height: 1, data: Uint8Array.from([255]) }, { width: 1, height: 1 });
    expect([...t].map((v) => Number(v.toFixed(4)))).toEqual([(1 - 0.485) / 0.229, (1 - 0.456) / 0.224, (1 - 0.406) / 0.225].map((v) => Number(v.toFixed(4))));
  });
});

describe("unclipDistance", () => {
  it.each([
    [10, 10, 1.5, 3.75],
    [100, 10, 1.5, 100 * 10 * 1.5 / 220],
    [0, 0, 1.5, 0],
  ])("a %i×%i box at ratio %f grows by %f", (w, h, ratio, d) => {
    expect(unclipDistance(w, h, ratio)).toBeCloseTo(d, 6);
  });
});

describe("textBoxes", () => {
  it("boxes a text region, grown by the unclip distance and scaled to the image", () => {
    // A region 21×5 map pixels (20×4 between centres): grown by 20·4·1.5/48 = 2.5 on every side; image twice the map.
    const boxes = textBoxes(map(64, 32, [{ x0: 10, y0: 10, x1: 30, y1: 14, p: 0.9 }]), 64, 32, { width: 128, height: 64 });
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ left: 15, top: 15, right: 67, bottom: 35 });
    expect(boxes[0].score).toBeCloseTo(0.9, 5);
  });

  it("keeps regions apart and drops the faint, the tiny and the ones below the pixel threshold", () => {
    const prob = map(64, 32, [
      { x0: 2, y0: 2, x1: 20, y1: 8, p: 0.95 }, // text
      { x0: 30, y0: 2, x1: 60, y1: 8, p: 0.5 }, // above the pixel threshold, below the box threshold
      { x0: 2, y0: 20, x1: 3, y1: 28, p: 0.99 }, // two pixels wide: under the minimum size
      { x0: 30, y0: 20, x1: 60, y1: 28, p: 0.2 }, // below the pixel threshold
      { x0: 10, y0: 20, x1: 20, y1: 28, p: 0.9 }, // text
    ]);
    const boxes = textBoxes(prob, 64, 32, { width: 64, height: 32 });
    expect(boxes.map((b) => [b.left, b.top])).toEqual([
      [0, 0],
      // 10×8 between centres: grown by 80·1.5/36 = 3.33.
      [7, 17],
    ]);
  });

  it("joins pixels touching at a corner into one region (8-connected)", () => {
    const prob = map(32, 32, [
      { x0: 2, y0: 2, x1: 9, y1: 9, p: 0.9 },
      { x0: 10, y0: 10, x1: 17, y1: 17, p: 0.9 },
    ]);
    // The diagonal pair's box is half empty: its mean falls under the box threshold unless the threshold allows it.
    const boxes = textBoxes(prob, 32, 32, { width: 32, height: 32 }, { ...PPOCR_DETECTION, boxThreshold: 0.4 });
    expect(boxes).toHaveLength(1);
    expect(boxes[0].score).toBeCloseTo(0.45, 5);
  });

  it("keeps a box inside the image", () => {
    const boxes = textBoxes(map(32, 32, [{ x0: 0, y0: 0, x1: 31, y1: 10, p: 0.9 }]), 32, 32, { width: 32, height: 32 });
    // 31×10 between centres: grown by 310·1.5/82 = 5.67, cut at the image's left, top and right edges.
    expect(boxes).toMatchObject([{ left: 0, top: 0, right: 32, bottom: 17 }]);
  });

  it("finds nothing in an empty map", () => {
    expect(textBoxes(new Float32Array(64), 8, 8, { width: 8, height: 8 })).toEqual([]);
  });
});
