import { describe, expect, it } from "vitest";
import type { ZoneReading } from "./domain/card-text";
import { NAME_BAND_PASSES, TRAINER_NAME_ZONE, type CardZone, type ZoneFilter } from "./domain/card-zones";
import type { ZoneReader } from "./card-zone-reader";
import { NAME_ZONE, readNameBand } from "./read-name-band";

const line = (text: string, confidence: number): ZoneReading => ({ lines: [{ text, confidence }], confidence });
const none: ZoneReading = { lines: [], confidence: 0 };

/** A card whose name band reads `band` on each pass (in order) and whose line below reads `below`; counts its reads. */
function card(band: ZoneReading[], below: ZoneReading) {
  const asked: string[] = [];
  const zones: ZoneReader = {
    image: { data: Buffer.alloc(0), width: 734, height: 1024 },
    read: async (zone: CardZone, filter?: ZoneFilter) => {
      if (zone === TRAINER_NAME_ZONE) return asked.push("below"), below;
      expect(zone).toBe(NAME_ZONE);
      const pass = NAME_BAND_PASSES.indexOf(filter!);
      asked.push(`band ${pass}`);
      return band[pass] ?? none;
    },
    glyphs: async () => [[], []],
  };
  return { zones, asked };
}

describe("readNameBand", () => {
  it("takes the first pass that gives a name, clearly read, and reads nothing more", async () => {
    const { zones, asked } = card([none, line("Pikachu", 0.9)], line("Evolves from", 0.5));
    expect(await readNameBand(zones, Promise.resolve({}))).toEqual(line("Pikachu", 0.9));
    expect(asked).toEqual(["band 0", "band 1"]);
  });

  it("a trainer: the band's header words, no name on any pass, give way to the name on the line below", async () => {
    const header = line("Supporter", 0.45);
    const { zones, asked } = card([header], line("Erika's Invitation", 0.82));
    const read = await readNameBand(zones, Promise.resolve({}));
    expect(read).toEqual({ lines: [{ text: "Erika's Invitation", confidence: 0.82 }], confidence: 0.82, unsure: header.lines });
    expect(asked).toEqual(["band 0", "band 1", "band 2", "below"]);
  });

  it("a trainer: a short word of its header read as a name gives way to a more confident name below", async () => {
    const { zones } = card([line("Ihe", 0.4)], line("Boss's Orders", 0.75));
    expect((await readNameBand(zones, Promise.resolve({}))).lines).toEqual([{ text: "Boss's Orders", confidence: 0.75 }]);
  });

  it("a Pokémon (an HP read) keeps an unclear name without reading the line below", async () => {
    const { zones, asked } = card([line("Hewcon", 0.5)], line("Erika's Invitation", 0.82));
    const hp = line("HP 120", 0.8);
    expect(await readNameBand(zones, Promise.resolve({ hp }))).toEqual(line("Hewcon", 0.5));
    expect(asked).toEqual(["band 0"]);
  });

  it("keeps the band's name when the line below is less sure than a trainer's name", async () => {
    const { zones } = card([line("Marnie", 0.55)], line("Ability text", 0.58));
    expect(await readNameBand(zones, Promise.resolve({}))).toEqual(line("Marnie", 0.55));
  });
});
