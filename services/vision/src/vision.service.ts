import type { Context, ServiceSchema } from "moleculer";
import { Actions, AppError, Channels, Groups, type Candidate, type CardFeatures, type ImageStored } from "@poke-ventory/contracts";
import { publish } from "@poke-ventory/runtime";
import { analyzeImage, type AnalyzeImageDeps } from "./analyze-image";
import { rankingCatalog } from "./ranking-catalog";

export interface VisionServiceDeps {
  analyze: AnalyzeImageDeps;
  /** Messages of `image.stored` analysed at once by this process. */
  maxInFlight: number;
  /** The score at which matching's top candidate confirms a number read ({@link rankingCatalog}). */
  confidenceThreshold: number;
  /** Why the OCR engine cannot read now (no OCR process running), or null when it can. */
  ocrUnavailable?: () => string | null;
}

/**
 * How long a catalog check may take before the image is read on without checks ({@link rankingCatalog}): a ranking
 * takes a millisecond or two; a reading waits for the check of each number it reads.
 */
const CATALOG_CHECK_TIMEOUT_MS = 500;

const localName = (fullName: string) => fullName.slice(fullName.indexOf(".") + 1);

/**
 * The vision service: `image.stored` → find and read the cards → `image.analyzed`. While a card is read, matching
 * is asked whether a number read names a card (`matching.rankCandidates`); without matching, cards are read alone.
 */
export function createVisionService(deps: VisionServiceDeps): ServiceSchema {
  return {
    name: "vision",
    actions: {
      [localName(Actions.vision.ready)]: () => checkReady(deps.analyze, deps.ocrUnavailable?.() ?? null),
    },
    channels: {
      [Channels.imageStored]: {
        group: Groups.vision,
        maxInFlight: deps.maxInFlight,
        async handler(ctx: Context<ImageStored>) {
          const rank = (features: CardFeatures) => ctx.call<Candidate[], { features: CardFeatures }>(Actions.matching.rankCandidates, { features }, { timeout: CATALOG_CHECK_TIMEOUT_MS });
          const catalog = rankingCatalog(rank, deps.confidenceThreshold, deps.analyze.log);
          const analyzed = await analyzeImage({ ...deps.analyze, catalog }, ctx.params);
          if (analyzed) await publish(ctx, Channels.imageAnalyzed, analyzed);
        },
      },
    },
  } as ServiceSchema;
}

async function checkReady(deps: AnalyzeImageDeps, ocrUnavailable: string | null) {
  try {
    await deps.objects.ping();
  } catch (err) {
    throw new AppError("SERVICE_UNAVAILABLE", "vision is not ready", { objects: String((err as Error).message) }, { cause: err });
  }
  if (ocrUnavailable) throw new AppError("SERVICE_UNAVAILABLE", "vision is not ready", { ocr: ocrUnavailable });
  return { status: "ok", checks: { objects: "ok", ocr: "ok" } };
}
