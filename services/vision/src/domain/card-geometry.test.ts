import { describe, expect, it } from "vitest";
import type { Point } from "@poke-ventory/contracts";
import {
  cardCorners,
  frameQuad,
  isCardRatio,
  isSquareOn,
  orderCorners,
  orientationCandidates,
  polygonArea,
  shapeRatio,
  type Rotation,
} from "./card-geometry";

const TL: Point = [10, 20];
const TR: Point = [110, 22];
const BR: Point = [112, 160];
const BL: Point = [8, 158];

describe("orderCorners", () => {
  it.each<[string, Point[]]>([
    ["already ordered", [TL, TR, BR, BL]],
    ["reversed", [BL, BR, TR, TL]],
    ["shuffled", [BR, TL, BL, TR]],
    ["counter-clockwise from bottom-right", [BR, TR, TL, BL]],
  ])("%s", (_, points) => {
    expect(orderCorners(points)).toEqual([TL, TR, BR, BL]);
  });

  it("a diamond starts from its top corner", () => {
    const top: Point = [50, 0], right: Point = [100, 50], bottom: Point = [50, 100], left: Point = [0, 50];
    expect(orderCorners([bottom, left, top, right])).toEqual([top, right, bottom, left]);
  });

  it("a card tilted 20° keeps its corners in clockwise order", () => {
    const quad: Point[] = [[100, 50], [300, 120], [200, 400], [0, 330]];
    expect(orderCorners([quad[2], quad[0], quad[3], quad[1]])).toEqual(quad);
  });

  it("rejects anything but four points", () => {
    expect(() => orderCorners([TL, TR, BR])).toThrow();
  });
});

describe("shape", () => {
  it.each<[string, Point[], number]>([
    ["unit square", [[0, 0], [1, 0], [1, 1], [0, 1]], 1],
    ["card 63×88", [[0, 0], [63, 0], [63, 88], [0, 88]], 63 * 88],
    ["triangle-ish", [[0, 0], [4, 0], [4, 3], [4, 3]], 6],
  ])("area of %s", (_, quad, area) => {
    expect(polygonArea(quad)).toBeCloseTo(area);
  });

  it.each<[string, Point[], boolean]>([
    ["portrait card", frameQuad(734, 1024), true],
    ["landscape card", frameQuad(1024, 734), true],
    ["square", frameQuad(500, 500), false],
    ["letter page 8.5×11", frameQuad(850, 1100), true],
    ["banner", frameQuad(1000, 300), false],
  ])("%s is card-shaped: %s", (_, quad, expected) => {
    expect(isCardRatio(shapeRatio(quad))).toBe(expected);
  });

  it.each<[string, Point[], boolean]>([
    ["the frame", frameQuad(733, 1024), true],
    ["a card a degree off square", [TL, TR, BR, BL], true],
    // Lines of a scan's art joined into a card-shaped quad: its bottom runs 5° off.
    ["a skewed quad", [[27, 33], [703, 36], [699, 993], [0, 927]], false],
    ["a card turned 10°", [[0, 0], [100, 17], [83, 116], [-17, 98]], false],
  ])("%s lies square to the frame: %s", (_, quad, expected) => {
    expect(isSquareOn(quad)).toBe(expected);
  });
});

describe("orientation", () => {
  it.each<[string, Point[], Rotation[]]>([
    ["portrait", frameQuad(700, 1000), [0, 180]],
    ["landscape", frameQuad(1000, 700), [90, 270]],
  ])("%s quad tries %j", (_, quad, expected) => {
    expect(orientationCandidates(quad)).toEqual(expected);
  });

  const quad: Point[] = [[0, 0], [10, 0], [10, 20], [0, 20]];
  it.each<[Rotation, Point]>([
    [0, [0, 0]],
    [90, [10, 0]],
    [180, [10, 20]],
    [270, [0, 20]],
  ])("a card turned %i° has its top-left at %j", (rotation, topLeft) => {
    const corners = cardCorners(quad, rotation);
    expect(corners[0]).toEqual(topLeft);
    expect(new Set(corners.map(String)).size).toBe(4);
  });
});
