import type { CardsMatched } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import { auditReport, auditReportFileName } from "./domain/audit-report";
import type { AuditReportStore } from "./ports";

/** Writes the audit report of an analysed image once; a redelivery writes nothing. True when written. */
export function writeAuditReport(store: AuditReportStore, clock: Clock, msg: CardsMatched): Promise<boolean> {
  return store.writeOnce(auditReportFileName(msg), msg.imageId, auditReport(msg, clock.now()));
}
