import type { Context } from "moleculer";
import { Channels, Groups, type CardsMatched, type DraftValidated, type ImageFailed } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import type { ChannelServiceSchema } from "./channel-schema";
import type { AuditReportStore } from "./ports";
import { writeAuditFailure, writeAuditReport, writeAuditValidation } from "./write-audit-report";

export const AUDIT_SERVICE = "audit";

/**
 * A consumer of the pipeline, not a step of it: one JSON report per analysed image, then the collector's
 * choice per draft and the failures. Durable channels: what happened while audit was down waits for it.
 */
export function createAuditService(deps: { reports: AuditReportStore; clock: Clock }): ChannelServiceSchema {
  return {
    name: AUDIT_SERVICE,
    channels: {
      [Channels.cardsMatched]: {
        group: Groups.audit,
        handler: (ctx: Context<CardsMatched>) => writeAuditReport(deps.reports, deps.clock, ctx.params),
      },
      [Channels.draftValidated]: {
        group: Groups.audit,
        handler: (ctx: Context<DraftValidated>) => writeAuditValidation(deps.reports, deps.clock, ctx.params),
      },
      [Channels.imageFailed]: {
        group: Groups.audit,
        handler: (ctx: Context<ImageFailed>) => writeAuditFailure(deps.reports, deps.clock, ctx.params),
      },
    },
  };
}
