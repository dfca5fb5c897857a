import type { CardFeatures, Point } from "@poke-ventory/contracts";
import { parseCardText } from "./domain/card-text";
import type { CardQuad } from "./ports";
import type { CardReading } from "./read-card";

/** Reads the cards of some quads of one image (`readPage`). */
export type ReadQuads = (quads: readonly (readonly Point[])[]) => Promise<CardReading[]>;

/** How much of a card's print was read: its name, its HP, its number (0 to 3). */
const piecesRead = (f: CardFeatures) => [f.name, f.hp, f.number].filter((piece) => piece !== null).length;

/**
 * The cards found, each with its reading, read again in their shared fallback outline ({@link CardQuad}) when they
 * read too little: a lone card that reads no HP and no number (a name alone may be a fragment of the name line, cut
 * by an outline too small), or the cards of a page that all read nothing (one card's panels taken for a page). The
 * fallback is taken, as one lone card, when it reads more of a card's print than the best of them. The quads are
 * returned as read.
 */
export async function readDetectedCards(quads: readonly CardQuad[], read: ReadQuads, maxYear: number): Promise<{ quads: CardQuad[]; reads: CardReading[] }> {
  const reads = await read(quads.map((q) => q.corners));
  const kept = { quads: [...quads], reads };
  const fallback = quads[0]?.fallback;
  if (!fallback || !quads.every((q) => q.fallback === fallback)) return kept;
  const firstRead = reads.map((r) => parseCardText(r.readings, { maxYear }));
  const tooLittle = quads.length === 1 ? firstRead[0].hp === null && firstRead[0].number === null : firstRead.every((f) => piecesRead(f) === 0);
  if (!tooLittle) return kept;
  const [again] = await read([fallback]);
  const more = piecesRead(parseCardText(again.readings, { maxYear })) > Math.max(...firstRead.map(piecesRead));
  return more ? { quads: [{ corners: fallback, position: null, fallback }], reads: [again] } : kept;
}
