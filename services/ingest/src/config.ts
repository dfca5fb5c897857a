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
  /** A direct upload's URL and session lifetime; past it the sweeper deletes the session's object. */
  UPLOAD_SESSION_TTL_SECONDS: env.positiveInt(3600),
  /** The S3 endpoint as clients reach it, for presigned upload URLs (SigV4 signs the host); unset: S3_ENDPOINT. */
  S3_PUBLIC_ENDPOINT: z.string().url().optional(),
  /**
   * HMAC key of the gateway upload URLs (filesystem store only; S3 uses presigned requests). No default:
   * embedded mode generates one in its data folder; a distributed ingest on files refuses to start without it.
   */
  UPLOAD_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
};
export type IngestConfig = z.infer<z.ZodObject<typeof ingestConfigShape>>;
