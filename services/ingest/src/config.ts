import { z } from "zod";
import { ConfigError, env } from "@poke-ventory/runtime";

/** Ingest's own environment (DATABASE_URL and NATS_URL are added by main.ts). */
export const ingestConfigShape = {
  /** Unset: leases in memory (embedded mode). */
  REDIS_URL: z.string().url().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  /** Where objects go when no S3 server is configured. */
  OBJECT_STORE_DIR: z.string().default("./data/objects"),
  IMAGE_TTL_SECONDS: env.positiveInt(900),
  MAX_UPLOAD_SIZE_MB: z.coerce.number().positive().default(25),
  MAX_IMAGE_PIXELS: env.positiveInt(60_000_000),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(30),
};
export type IngestConfig = z.infer<z.ZodObject<typeof ingestConfigShape>>;

export type ObjectStoreSettings =
  | { kind: "s3"; endpoint: string; accessKey: string; secretKey: string; bucket: string }
  | { kind: "fs"; dir: string };

const S3_VARS = ["S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET"] as const;

/** S3 when every S3_* variable is set, the filesystem when none is; a partial set is a ConfigError. */
export function objectStoreSettings(config: Pick<IngestConfig, (typeof S3_VARS)[number] | "OBJECT_STORE_DIR">): ObjectStoreSettings {
  const missing = S3_VARS.filter((name) => !config[name]);
  if (missing.length === S3_VARS.length) return { kind: "fs", dir: config.OBJECT_STORE_DIR };
  if (missing.length > 0) {
    throw new ConfigError(missing.map((name) => `${name}: required when any S3_* variable is set`));
  }
  return {
    kind: "s3",
    endpoint: config.S3_ENDPOINT!,
    accessKey: config.S3_ACCESS_KEY!,
    secretKey: config.S3_SECRET_KEY!,
    bucket: config.S3_BUCKET!,
  };
}
