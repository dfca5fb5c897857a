import type { ServiceSchema } from "moleculer";
import { systemClock, type Clock } from "@poke-ventory/runtime";
import { OpencvCardDetector } from "./adapters/opencv-card-detector";
import { SharpImageCodec } from "./adapters/sharp-image-codec";
import type { VisionConfig } from "./config";
import { openObjectStore } from "@poke-ventory/storage";
import { createVisionService } from "./vision.service";
import { startOcrEngines } from "./ocr-engines";

export interface VisionShared {
  /** Ignored: vision owns no tables (accepted so every service composes alike). */
  dataSource?: unknown;
  natsUrl?: string;
  log?: (msg: string) => void;
  /** Test hook. */
  clock?: Clock;
}

/** Builds vision's adapters (object store, OpenCV, the warm OCR engine(s) `OCR_ENGINE` names) and returns its service schema. */
export async function composeVision(config: VisionConfig, shared: VisionShared = {}): Promise<{ schemas: ServiceSchema[]; close(): Promise<void> }> {
  const log = shared.log ?? (() => undefined);
  const objects = await openObjectStore(config);
  const engines = await startOcrEngines({ ...config, log });
  const analyze = {
    objects,
    codec: new SharpImageCodec({ decodeMaxPixels: config.VISION_DECODE_MAX_PIXELS }),
    detector: new OpencvCardDetector(),
    ocr: engines.ocr,
    fallbackOcr: engines.fallbackOcr,
    clock: shared.clock ?? systemClock,
    maxImagePixels: config.MAX_IMAGE_PIXELS,
    log,
  };
  return {
    schemas: [
      createVisionService({
        analyze,
        maxInFlight: config.VISION_MAX_IN_FLIGHT,
        confidenceThreshold: config.ANALYSIS_CONFIDENCE_THRESHOLD,
        ocrUnavailable: () => engines.unavailable(),
      }),
    ],
    close: () => engines.close(),
  };
}
