import { z } from "zod";
import { env } from "@poke-ventory/runtime";

/** Matching's own variables (DATABASE_URL and NATS_URL are added by the composition root). */
export const matchingConfigShape = {
  /** Candidates kept per detected card. */
  ANALYSIS_MAX_CANDIDATES: env.positiveInt(5),
  /** When set, card image URLs keep their path under this base instead of the source's host. */
  CARD_ASSET_BASE_URL: env.url().optional(),
  /** A catalog folder imported on start when the catalog tables are empty (embedded first start). */
  CATALOG_SOURCE: z.string().min(1).optional(),
};
export type MatchingConfig = z.infer<z.ZodObject<typeof matchingConfigShape>>;
