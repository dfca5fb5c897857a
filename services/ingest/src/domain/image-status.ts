import type { ImageStatus } from "@poke-ventory/contracts";

/** What can happen to a stored image after upload. */
export type ImageOutcome = "analysed" | "failed" | "expired";

/**
 * The status an image moves to on an outcome, or null when it stays as it is. Messages arrive
 * at least once and out of order: a late failure never undoes an analysis, nothing revives an expired
 * image, and sealed (archived) images are never analysed.
 */
export function nextImageStatus(current: ImageStatus, outcome: ImageOutcome): ImageStatus | null {
  if (current === "expired") return null;
  switch (outcome) {
    case "expired":
      return "expired";
    case "analysed":
      return current === "stored" || current === "failed" ? "analysed" : null;
    case "failed":
      return current === "stored" ? "failed" : null;
  }
}

const ALL_STATUSES: readonly ImageStatus[] = ["stored", "analysed", "failed", "archived", "expired"];

/** The statuses from which `outcome` leads to `target`: the guard of a conditional update. */
export function statusesLeadingTo(outcome: ImageOutcome, target: ImageStatus): ImageStatus[] {
  return ALL_STATUSES.filter((status) => nextImageStatus(status, outcome) === target);
}
