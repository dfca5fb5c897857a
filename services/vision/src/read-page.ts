import type { Point } from "@poke-ventory/contracts";
import { orientationCandidates, type Rotation } from "./domain/card-geometry";
import { inTurns } from "./in-turns";
import type { RawImage } from "./ports";
import { PAGE } from "./domain/parameters";
import { readCardTurned, SETTLED, type CardReading } from "./read-card";
import { readCardEither, type EitherEngineDeps } from "./read-card-either";

/**
 * Reads the cards of an image ({@link readCardEither}: with a second OCR engine when one is given), two at once. The cards of a page (a binder page: each in its
 * pocket, all the same way up) are made to agree:
 * - once a card read so far was settled a way up by its evidence (and none other way as often), the next are read
 *   that way first: a page turned upside down is then read about as fast as an upright one, not each card both ways
 *   (their own evidence still decides);
 * - at the end, a card that went another way on less evidence than settles it is read the page's way, and taken so
 *   unless that reading gives less evidence. (The real 2×2 page turned 180°: its Ogerpon gives one piece either way
 *   up, `017/75` of debris upside down, `145` upright; it was kept upside down and matched Yanma at 0.90.)
 */
export async function readPage(deps: EitherEngineDeps, image: RawImage, quads: readonly (readonly Point[])[]): Promise<CardReading[]> {
  const done: CardReading[] = [];
  const reads = await inTurns(quads, CARDS_AT_ONCE, async (quad) => {
    const read = await readCardEither(deps, image, quad, pageWay(done, 1));
    done.push(read);
    return read;
  });
  const way = pageWay(reads);
  if (way === undefined) return reads;
  return Promise.all(
    reads.map(async (read, i) => {
      // A card whose quad is turned a quarter from the others' is read no way but its own.
      if (read.rotation === way || read.evidence >= SETTLED || !orientationCandidates(quads[i]).includes(way)) return read;
      const again = await readCardTurned(deps, image, quads[i], way);
      return again.evidence >= read.evidence ? again : read;
    }),
  );
}

/**
 * The way up a page's cards face, when at least `least` of them were settled that way by their own evidence, and
 * more than any other way; else undefined.
 */
export function pageWay(reads: readonly Pick<CardReading, "rotation" | "evidence">[], least = PAGE_SETTLED): Rotation | undefined {
  const settled = new Map<Rotation, number>();
  for (const r of reads) if (r.evidence >= SETTLED) settled.set(r.rotation, (settled.get(r.rotation) ?? 0) + 1);
  const ranked = [...settled].sort((a, b) => b[1] - a[1]);
  const [way, count] = ranked[0] ?? [undefined, 0];
  return count >= least && ranked[1]?.[1] !== count ? way : undefined;
}
/** Cards of a page settled one way that make it the page's, for turning a card read another way. */
const PAGE_SETTLED: number = PAGE.settled;

/**
 * Cards of one image read at once: a card's read has steps of one zone (a retry, a check), during which one card
 * alone leaves OCR workers idle; a second card fills them (timings: services/vision/bench/README.md).
 */
const CARDS_AT_ONCE: number = PAGE.cardsAtOnce;
