import { describe, expect, it } from "vitest";
import type { Point } from "@poke-ventory/contracts";
import type { CardReadings } from "./domain/card-text";
import type { CardQuad } from "./ports";
import type { CardReading } from "./read-card";
import { readDetectedCards } from "./read-detected-cards";

const square = (x: number): Point[] => [[x, 0], [x + 63, 0], [x + 63, 88], [x, 88]];
const lines = (...texts: string[]) => ({ lines: texts.map((text) => ({ text, confidence: 0.9 })), confidence: 0.9 });
const reading = (readings: CardReadings): CardReading => ({ rotation: 0, card: { data: Buffer.alloc(0), width: 0, height: 0 }, readings, evidence: 0 });
const NOTHING = reading({ name: lines("o", "sna"), footer: lines("OVIS") });
const NAMED = reading({ name: lines("Dugtrio"), hp: lines("HP 90") });
const NAME_ONLY = reading({ name: lines("Sur") });

/** Reads each quad as `byX` says for its left edge, counting the reads. */
function reader(byX: Record<number, CardReading>) {
  const asked: number[][] = [];
  const read = async (quads: readonly (readonly Point[])[]) => {
    asked.push(quads.map((q) => q[0][0]));
    return quads.map((q) => byX[q[0][0]]);
  };
  return { read, asked };
}

describe("readDetectedCards", () => {
  it("reads a lone card's fallback outline when its outline reads nothing, and takes it when that reads something", async () => {
    const { read, asked } = reader({ 0: NOTHING, 100: NAMED });
    const quads: CardQuad[] = [{ corners: square(0), position: null, fallback: square(100) }];
    const out = await readDetectedCards(quads, read, 2030);
    expect(asked).toEqual([[0], [100]]);
    expect(out.quads).toEqual([{ corners: square(100), position: null, fallback: square(100) }]);
    expect(out.reads).toEqual([NAMED]);
  });

  it("keeps the first outline when the fallback reads nothing either", async () => {
    const { read } = reader({ 0: NOTHING, 100: reading({}) });
    const quads: CardQuad[] = [{ corners: square(0), position: null, fallback: square(100) }];
    const out = await readDetectedCards(quads, read, 2030);
    expect(out.quads[0].corners).toEqual(square(0));
    expect(out.reads).toEqual([NOTHING]);
  });

  it("reads a lone card's fallback when its outline reads a name alone, and takes it when that reads more", async () => {
    const { read, asked } = reader({ 0: NAME_ONLY, 100: NAMED });
    const out = await readDetectedCards([{ corners: square(0), position: null, fallback: square(100) }], read, 2030);
    expect(asked).toEqual([[0], [100]]);
    expect(out.quads[0].corners).toEqual(square(100));
    expect(out.reads).toEqual([NAMED]);
  });

  it("keeps a lone card's name alone when its fallback reads no more", async () => {
    const { read } = reader({ 0: NAME_ONLY, 100: reading({ name: lines("Staryu") }) });
    const out = await readDetectedCards([{ corners: square(0), position: null, fallback: square(100) }], read, 2030);
    expect(out.quads[0].corners).toEqual(square(0));
    expect(out.reads).toEqual([NAME_ONLY]);
  });

  it("reads a page's shared fallback as one card when none of its cards reads anything (one card's halves)", async () => {
    const { read, asked } = reader({ 0: NOTHING, 200: NOTHING, 100: NAMED });
    const whole = square(100);
    const quads: CardQuad[] = [
      { corners: square(0), position: { row: 0, col: 0 }, fallback: whole },
      { corners: square(200), position: { row: 1, col: 0 }, fallback: whole },
    ];
    const out = await readDetectedCards(quads, read, 2030);
    expect(asked).toEqual([[0, 200], [100]]);
    expect(out.quads).toEqual([{ corners: whole, position: null, fallback: whole }]);
    expect(out.reads).toEqual([NAMED]);
  });

  it.each([
    [
      "a page whose cards share a fallback, one of them read",
      [{ corners: square(0), position: { row: 0, col: 0 }, fallback: square(100) }, { corners: square(200), position: { row: 0, col: 1 }, fallback: square(100) }],
      { 0: NOTHING, 100: NAMED, 200: NAME_ONLY },
    ],
    ["a lone outline that reads a name and an HP", [{ corners: square(0), position: null, fallback: square(100) }], { 0: NAMED, 100: NAMED }],
    ["no fallback", [{ corners: square(0), position: null }], { 0: NOTHING }],
    [
      "a page's cards (a pocket read as nothing is an empty one)",
      [{ corners: square(0), position: { row: 0, col: 0 }, fallback: square(100) }, { corners: square(200), position: { row: 0, col: 1 } }],
      { 0: NOTHING, 100: NAMED, 200: NAMED },
    ],
  ] as const)("reads nothing again for %s", async (_label, quads, byX) => {
    const { read, asked } = reader(byX as Record<number, CardReading>);
    const out = await readDetectedCards(quads as unknown as CardQuad[], read, 2030);
    expect(asked).toHaveLength(1);
    expect(out.quads.map((q) => q.corners)).toEqual(quads.map((q) => q.corners));
  });
});
