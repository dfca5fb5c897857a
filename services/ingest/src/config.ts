import { z } from "zod";
import { env } from "@poke-ventory/runtime";
import { objectStoreShape } from "@poke-ventory/storage";

/** Ingest's own environment (DATABASE_URL and NATS_URL are added by main.ts). */
export const ingestConfigShape = {
  /** Unset: leases in memory (embedded mode). */
  REDIS_URL: z.string().url().optional(),
  ...objectStoreShape,
  IMAGE_TTL_SECONDS: env.positiveInt(900),
  MAX_UPLOAD_SIZE_MB: z.coerce.number().positive().default(25),
  MAX_IMAGE_PIXELS: env.positiveInt(50_000_000),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(30),
};
export type IngestConfig = z.infer<z.ZodObject<typeof ingestConfigShape>>;
