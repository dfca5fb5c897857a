import type { Context } from "moleculer";
import { Channels, Groups, type DraftValidated } from "@poke-ventory/contracts";
import type { ObjectStore } from "@poke-ventory/storage";
import type { ChannelServiceSchema } from "./channel-schema";
import { exportMlExample } from "./export-ml-example";

export const ML_EXPORT_SERVICE = "ml-export";

/** A consumer of validations: one labelled example per validated card, for training (see `npm run export:ml`). */
export function createMlExportService(deps: { objects: ObjectStore }): ChannelServiceSchema {
  return {
    name: ML_EXPORT_SERVICE,
    channels: {
      [Channels.draftValidated]: {
        group: Groups.mlExport,
        handler: (ctx: Context<DraftValidated>) => exportMlExample(deps.objects, ctx.params),
      },
    },
  };
}
