import { FailureCodes, PermanentMessageError, type DetectedCard, type ImageAnalyzed, type ImageStored } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import { ObjectNotFoundError } from "@poke-ventory/storage";
import { parseCardText } from "./domain/card-text";
import type { CardCatalog, CardDetector, ImageCodec, ObjectStore, OcrEngine } from "./ports";
import { UndecodableImageError } from "./ports";
import { readDetectedCards } from "./read-detected-cards";
import { readPage } from "./read-page";

export interface AnalyzeImageDeps {
  objects: ObjectStore;
  codec: ImageCodec;
  detector: CardDetector;
  ocr: OcrEngine;
  /** A second OCR engine for the cards `ocr` reads without the catalog confirming them (`OCR_ENGINE=both`). */
  fallbackOcr?: OcrEngine;
  /** Confirms numbers as they are read (see {@link CardCatalog}); without it the number line is read until agreed. */
  catalog?: CardCatalog;
  clock: Clock;
  maxImagePixels: number;
  log: (msg: string) => void;
}

/** Where the crop of card `index` of an image is stored: the same key on every delivery of a message. */
export const cropKey = (imageId: string, index: number) => `crops/${imageId}/${index}.jpg`;

/**
 * Finds and reads every card of a stored image. Returns null for images that are not of cards (not analysed).
 * An image that cannot be decoded gives zero cards. An image whose object is gone (its TTL swept it) fails at once
 * with `OBJECT_MISSING`, so ingest marks it expired, never "0 cards". Anything else (store unreachable, OCR failure)
 * throws, so the message is redelivered with a backoff and finally dead-lettered.
 */
export async function analyzeImage(deps: AnalyzeImageDeps, message: ImageStored): Promise<ImageAnalyzed | null> {
  if (message.subjectType !== "cards") return null;
  const timer = stopwatch(deps.clock);
  const result = (cards: DetectedCard[]): ImageAnalyzed => ({
    imageId: message.imageId,
    batchId: message.batchId,
    userId: message.userId,
    subjectType: message.subjectType,
    cards,
    analyzedAt: deps.clock.now().toISOString(),
    timingsMs: { ...timer.laps, total: timer.total() },
  });

  let image;
  try {
    const bytes = await deps.objects.get(message.objectKey);
    timer.lap("read");
    image = await deps.codec.decode(bytes, deps.maxImagePixels);
    timer.lap("decode");
  } catch (err) {
    if (err instanceof ObjectNotFoundError) {
      throw new PermanentMessageError(FailureCodes.objectMissing, `the original of image ${message.imageId} is gone`, { cause: err });
    }
    if (!(err instanceof UndecodableImageError)) throw err;
    deps.log(`image ${message.imageId} not analysed: ${err.message}`);
    return result([]);
  }

  const found = await deps.detector.detect(image);
  timer.lap("detect");
  const maxYear = deps.clock.now().getUTCFullYear() + 1;
  const { quads, reads } = await readDetectedCards(found, (q) => readPage(deps, image, q), maxYear);
  timer.lap("ocr");
  const cards: DetectedCard[] = [];
  for (const [index, { corners: quad, position }] of quads.entries()) {
    const { rotation, card, readings } = reads[index];
    const key = cropKey(message.imageId, index);
    const jpeg = await deps.codec.encodeJpeg(card);
    await deps.objects.put(key, jpeg, { contentType: "image/jpeg", size: jpeg.length });
    const features = parseCardText(readings, { maxYear });
    cards.push({ index, quad: quad.map(([x, y]) => [Math.round(x), Math.round(y)]), rotation, position, cropKey: key, features });
  }
  timer.lap("crop");
  return result(cards);
}

/** Accumulates elapsed milliseconds per step (steps repeated per card add up). */
function stopwatch(clock: Clock) {
  const start = clock.now().getTime();
  let last = start;
  const laps: Record<string, number> = {};
  return {
    laps,
    lap(step: string) {
      const now = clock.now().getTime();
      laps[step] = (laps[step] ?? 0) + (now - last);
      last = now;
    },
    total: () => clock.now().getTime() - start,
  };
}
