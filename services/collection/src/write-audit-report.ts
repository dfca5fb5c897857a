import type { CardsMatched, DraftValidated, ImageFailed } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import { auditReport, auditReportFileName } from "./domain/audit-report";
import type { AuditReportStore } from "./ports";

/** Writes the audit report of an analysed image once; a redelivery writes nothing. True when written. */
export function writeAuditReport(store: AuditReportStore, clock: Clock, msg: CardsMatched): Promise<boolean> {
  return store.writeOnce(auditReportFileName(msg), msg.imageId, auditReport(msg, clock.now()));
}

/** Records the collector's choice for a draft once. */
export function writeAuditValidation(store: AuditReportStore, clock: Clock, msg: DraftValidated): Promise<boolean> {
  return store.writeOutcomeOnce({ kind: "validated", reportedAt: clock.now().toISOString(), validation: msg });
}

/** Records that the pipeline gave up on an image, with its reason, once. */
export function writeAuditFailure(store: AuditReportStore, clock: Clock, msg: ImageFailed): Promise<boolean> {
  return store.writeOutcomeOnce({ kind: "failed", reportedAt: clock.now().toISOString(), failure: msg });
}
