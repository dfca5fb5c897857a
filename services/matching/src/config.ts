import { z } from "zod";
import { DEFAULT_CONFIDENCE_THRESHOLD } from "@poke-ventory/contracts";
import { env } from "@poke-ventory/runtime";

export { DEFAULT_CONFIDENCE_THRESHOLD };

/** Matching's own variables (DATABASE_URL and NATS_URL are added by the composition root). */
export const matchingConfigShape = {
  /** Candidates kept per detected card. */
  ANALYSIS_MAX_CANDIDATES: env.positiveInt(5),
  /**
   * A top candidate whose score (see `candidateScore`/`rankCandidates`) reaches this is "confident";
   * below it the UI should ask. The benchmark measures how often a confident top-1 is wrong.
   */
  ANALYSIS_CONFIDENCE_THRESHOLD: env.fraction(DEFAULT_CONFIDENCE_THRESHOLD),
  /** When set, card image URLs keep their path under this base instead of the source's host. */
  CARD_ASSET_BASE_URL: env.url().optional(),
  /** A catalog folder imported on start when the catalog tables are empty (embedded first start). */
  CATALOG_SOURCE: z.string().min(1).optional(),
};
export type MatchingConfig = z.infer<z.ZodObject<typeof matchingConfigShape>>;
