import { describe, expect, it } from "vitest";
import { CARD_ZONES } from "./domain/card-zones";
import { CardZoneReader, type ZoneReaderDeps } from "./card-zone-reader";
import type { RawImage } from "./ports";

/** Deps whose OCR reads back the zone image's size as text, counting its reads. */
function deps() {
  const counter = { reads: 0, prepared: 0 };
  const d: ZoneReaderDeps = {
    codec: {
      decode: async () => { throw new Error("unused"); },
      encodeJpeg: async () => Buffer.alloc(0),
      zoneImage: async (_image, zone, filter) => (counter.prepared++, Buffer.from(`${zone.width}x${zone.height}@${filter.scale}`)),
    },
    detector: { detect: async () => [], warp: async (image) => image, findGlyphs: async (_i, _r, ink) => (ink === "dark" ? [{ left: 1, top: 2, width: 3, height: 4 }] : []) },
    ocr: { recognize: async (image) => (counter.reads++, { text: image.toString(), lines: [{ text: image.toString(), confidence: 0.9 }], confidence: 0.9 }), idle: () => true, close: async () => undefined },
  };
  return { d, counter };
}

const card = (): RawImage => ({ data: Buffer.alloc(734 * 1024 * 3), width: 734, height: 1024 });
const [name, hp] = CARD_ZONES;

describe("CardZoneReader", () => {
  it("reads a zone once however often it is asked, even while the first read runs", async () => {
    const { d, counter } = deps();
    const zones = new CardZoneReader(d, card());
    const [a, b] = await Promise.all([zones.read(name), zones.read(name)]);
    expect(a).toEqual(b);
    await zones.read(name, { scale: name.scale, tone: "luma" });
    expect(counter.reads).toBe(1);
  });

  it("reads another zone, or the same zone prepared otherwise, afresh", async () => {
    const { d, counter } = deps();
    const zones = new CardZoneReader(d, card());
    await zones.read(name);
    await zones.read(hp);
    const half = await zones.read(name, { scale: 0.5, tone: "brightest" });
    expect(half.lines[0].text).toMatch(/@0\.5$/);
    expect(counter.reads).toBe(3);
  });

  it("shares nothing between two cards' readers", async () => {
    const { d, counter } = deps();
    const image = card();
    await new CardZoneReader(d, image).read(name);
    await new CardZoneReader(d, image).read(name);
    expect(counter.reads).toBe(2);
  });

  it("gives the glyphs of dark print, then of light print", async () => {
    const { d } = deps();
    const glyphs = await new CardZoneReader(d, card()).glyphs({ left: 0, top: 0, width: 10, height: 10 }, { min: 1, max: 9 });
    expect(glyphs).toEqual([[{ left: 1, top: 2, width: 3, height: 4 }], []]);
  });
});
