import type { Point } from "@poke-ventory/contracts";
import type { Rotation } from "./domain/card-geometry";
import { parseCardText } from "./domain/card-text";
import type { OcrEngine, RawImage } from "./ports";
import { readCard, type CardReading, type ReadCardDeps } from "./read-card";

export interface EitherEngineDeps extends ReadCardDeps {
  /** A second OCR engine, for the cards whose number the catalog does not confirm when read with `ocr`. */
  fallbackOcr?: OcrEngine;
}

/** Any year a copyright line could print (the reported one is checked against the clock later). */
const ANY_YEAR = 2100;

/**
 * A card read ({@link readCard}) with the first OCR engine and, when a second is given and the catalog does not
 * confirm the number read with the name read, read again with the second. The second reading is taken when the
 * catalog confirms it, or (neither confirmed) when it gives more evidence of its way up; else the first.
 */
export async function readCardEither(deps: EitherEngineDeps, image: RawImage, quad: readonly Point[], prefer?: Rotation): Promise<CardReading> {
  const first = await readCard(deps, image, quad, prefer);
  if (!deps.fallbackOcr || (await confirmed(deps, first))) return first;
  const second = await readCard({ ...deps, ocr: deps.fallbackOcr }, image, quad, prefer);
  if (await confirmed(deps, second)) return second;
  return second.evidence > first.evidence ? second : first;
}

async function confirmed(deps: ReadCardDeps, read: CardReading): Promise<boolean> {
  const features = parseCardText(read.readings, { maxYear: ANY_YEAR });
  return !!deps.catalog && features.number !== null && deps.catalog.confirmsNumber(features);
}
