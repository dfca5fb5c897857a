import { describe, expect, it } from "vitest";
import { pageWay } from "./read-page";

describe("pageWay", () => {
  const read = (rotation: 0 | 90 | 180 | 270, evidence: number) => ({ rotation, evidence });

  it("is the way two or more cards were settled, when more were settled so than any other way", () => {
    // The real 2×2 page turned 180°: two cards settled upside down, one read on one piece of evidence each way.
    expect(pageWay([read(0, 1), read(180, 2), read(180, 3), read(180, 1)])).toBe(180);
    expect(pageWay([read(90, 2), read(90, 2), read(270, 2)])).toBe(90);
  });

  it("is none while fewer than two cards are settled, or when two ways tie", () => {
    expect(pageWay([])).toBeUndefined();
    expect(pageWay([read(180, 3), read(180, 1), read(180, 0)])).toBeUndefined();
    expect(pageWay([read(0, 2), read(0, 2), read(180, 2), read(180, 2)])).toBeUndefined();
  });

  it("takes the least number of settled cards asked for", () => {
    expect(pageWay([read(180, 2), read(0, 1)], 1)).toBe(180);
    expect(pageWay([read(180, 2), read(0, 2)], 1)).toBeUndefined();
  });
});
