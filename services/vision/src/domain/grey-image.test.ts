import { describe, expect, it } from "vitest";
import { parsePgm, resizeBilinear, type GreyImage } from "./grey-image";

const pgm = (header: string, pixels: number[]) => Buffer.concat([Buffer.from(header, "ascii"), Buffer.from(pixels)]);

describe("parsePgm", () => {
  it.each([
    ["the codec's header", "P5\n3 2\n255\n"],
    ["a comment and other whitespace", "P5 # made here\r\n3\t2 255\n"],
  ])("reads the pixels after %s", (_, header) => {
    const image = parsePgm(pgm(header, [1, 2, 3, 4, 5, 6]))!;
    expect({ width: image.width, height: image.height, data: [...image.data] }).toEqual({ width: 3, height: 2, data: [1, 2, 3, 4, 5, 6] });
  });

  it.each([
    ["a PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ["an ASCII greymap", pgm("P2\n1 1\n255\n", [])],
    ["16-bit samples", pgm("P5\n1 1\n65535\n", [0, 0])],
    ["too few pixels", pgm("P5\n3 2\n255\n", [1, 2, 3])],
    ["no size", pgm("P5\n", [])],
    ["a zero width", pgm("P5\n0 2\n255\n", [])],
  ])("gives null for %s", (_, bytes) => {
    expect(parsePgm(bytes)).toBeNull();
  });
});

describe("resizeBilinear", () => {
  const image: GreyImage = { width: 4, height: 2, data: Uint8Array.from([0, 100, 200, 255, 0, 100, 200, 255]) };
  const all = { left: 0, top: 0, width: 4, height: 2 };

  it("keeps the pixels at the same size", () => {
    expect([...resizeBilinear(image, all, 4, 2)]).toEqual([0, 100, 200, 255, 0, 100, 200, 255]);
  });

  it("halving averages neighbouring pixels (centres aligned)", () => {
    expect([...resizeBilinear(image, all, 2, 1)]).toEqual([50, 227.5]);
  });

  it("cuts a rect before resizing", () => {
    expect([...resizeBilinear(image, { left: 2, top: 0, width: 2, height: 2 }, 2, 2)]).toEqual([200, 255, 200, 255]);
  });

  it("doubling interpolates between pixels and holds the edges", () => {
    const out = resizeBilinear({ width: 2, height: 1, data: Uint8Array.from([0, 100]) }, { left: 0, top: 0, width: 2, height: 1 }, 4, 1);
    expect([...out]).toEqual([0, 25, 75, 100]);
  });
});
