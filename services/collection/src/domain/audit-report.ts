import type { CardsMatched, DraftValidated, ImageFailed } from "@poke-ventory/contracts";

/** The audit trail of one analysed image: what vision read and what matching proposed. */
export interface AuditReport {
  imageId: string;
  batchId: string;
  userId: string;
  subjectType: string;
  matchedAt: string;
  reportedAt: string;
  cardCount: number;
  cards: CardsMatched["cards"];
}

export function auditReport(msg: CardsMatched, reportedAt: Date): AuditReport {
  return {
    imageId: msg.imageId,
    batchId: msg.batchId,
    userId: msg.userId,
    subjectType: msg.subjectType,
    matchedAt: msg.matchedAt,
    reportedAt: reportedAt.toISOString(),
    cardCount: msg.cards.length,
    cards: msg.cards,
  };
}

const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, "_");

/**
 * `<matchedAt with ':' → '-'>_<imageId>.json`. Built from the message only, so a redelivery names
 * the same file; the suffix `_<imageId>.json` identifies the image.
 */
export function auditReportFileName(msg: Pick<CardsMatched, "imageId" | "matchedAt">): string {
  return `${safe(msg.matchedAt.replace(/:/g, "-"))}${auditReportSuffix(msg.imageId)}`;
}

export const auditReportSuffix = (imageId: string) => `_${safe(imageId)}.json`;

/** What happened to an image or a draft after its report: the collector's choice, or the pipeline giving up. */
export type AuditOutcome =
  | { kind: "validated"; reportedAt: string; validation: DraftValidated }
  | { kind: "failed"; reportedAt: string; failure: ImageFailed };

/** `validated/<draftId>.json` or `failed/<imageId>.json`: one file per draft or image, whatever the redeliveries. */
export function auditOutcomePath(outcome: AuditOutcome): string {
  return outcome.kind === "validated" ? `validated/${safe(outcome.validation.draftId)}.json` : `failed/${safe(outcome.failure.imageId)}.json`;
}
