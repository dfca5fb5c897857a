import type { Context } from "moleculer";
import { Channels, Groups, type CardsMatched } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import type { ChannelServiceSchema } from "./channel-schema";
import type { AuditReportStore } from "./ports";
import { writeAuditReport } from "./write-audit-report";

export const AUDIT_SERVICE = "audit";

/** A consumer of the pipeline, not a step of it: one JSON report per analysed image. */
export function createAuditService(deps: { reports: AuditReportStore; clock: Clock }): ChannelServiceSchema {
  return {
    name: AUDIT_SERVICE,
    channels: {
      [Channels.cardsMatched]: {
        group: Groups.audit,
        handler: (ctx: Context<CardsMatched>) => writeAuditReport(deps.reports, deps.clock, ctx.params),
      },
    },
  };
}
