import type { CardFeatures, Point } from "@poke-ventory/contracts";
import { parseCardText } from "./domain/card-text";
import type { CardQuad } from "./ports";
import type { CardReading } from "./read-card";

/** Reads the cards of some quads of one image (`readPage`). */
export type ReadQuads = (quads: readonly (readonly Point[])[]) => Promise<CardReading[]>;

/** No name, HP or number read: the outline read was not the card's (or the card shows none of them). */
const readsNothing = (f: CardFeatures) => f.name === null && f.hp === null && f.number === null;

/**
 * The cards found, each with its reading: a lone card read as nothing is read again in its fallback outline
 * ({@link CardQuad}), and taken so when that reads something. The quads are returned as read.
 */
export async function readDetectedCards(quads: readonly CardQuad[], read: ReadQuads, maxYear: number): Promise<{ quads: CardQuad[]; reads: CardReading[] }> {
  const reads = await read(quads.map((q) => q.corners));
  const [lone] = quads;
  const nothing = (reading: CardReading) => readsNothing(parseCardText(reading.readings, { maxYear }));
  if (quads.length !== 1 || !lone.fallback || !nothing(reads[0])) return { quads: [...quads], reads };
  const [again] = await read([lone.fallback]);
  return nothing(again) ? { quads: [...quads], reads } : { quads: [{ ...lone, corners: lone.fallback }], reads: [again] };
}
