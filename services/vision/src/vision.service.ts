import type { Context, ServiceSchema } from "moleculer";
import { Actions, AppError, Channels, Groups, type ImageStored } from "@poke-ventory/contracts";
import { publish } from "@poke-ventory/runtime";
import { analyzeImage, type AnalyzeImageDeps } from "./analyze-image";

export interface VisionServiceDeps {
  analyze: AnalyzeImageDeps;
  /** Messages of `image.stored` analysed at once by this process. */
  maxInFlight: number;
}

const localName = (fullName: string) => fullName.slice(fullName.indexOf(".") + 1);

/** The vision service: `image.stored` → find and read the cards → `image.analyzed`. */
export function createVisionService(deps: VisionServiceDeps): ServiceSchema {
  return {
    name: "vision",
    actions: {
      [localName(Actions.vision.ready)]: () => checkReady(deps.analyze),
    },
    channels: {
      [Channels.imageStored]: {
        group: Groups.vision,
        maxInFlight: deps.maxInFlight,
        async handler(ctx: Context<ImageStored>) {
          const analyzed = await analyzeImage(deps.analyze, ctx.params);
          if (analyzed) await publish(ctx, Channels.imageAnalyzed, analyzed);
        },
      },
    },
  } as ServiceSchema;
}

async function checkReady(deps: AnalyzeImageDeps) {
  try {
    await deps.objects.ping();
  } catch (err) {
    throw new AppError("SERVICE_UNAVAILABLE", "vision is not ready", { objects: String((err as Error).message) }, { cause: err });
  }
  return { status: "ok", checks: { objects: "ok" } };
}
