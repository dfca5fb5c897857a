import { z } from "zod";
import { env } from "@poke-ventory/runtime";

/** The gateway's own variables. JWT_SECRET has no default: distributed mode refuses to start without it. */
export const gatewayConfigShape = {
  PORT: env.port(8000),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters"),
  JWT_ACCESS_TTL_SECONDS: env.positiveInt(900),
  JWT_REFRESH_TTL_SECONDS: env.positiveInt(30 * 24 * 3600),
  MAX_UPLOAD_SIZE_MB: env.positiveInt(25),
  MAX_FILES_PER_BATCH: env.positiveInt(20),
  ANALYSIS_WAIT_SECONDS: z.coerce.number().min(0).max(120).default(15),
  CORS_ORIGINS: env.list(""),
  /** Users whose (lower-cased) email is listed are admins. */
  ADMIN_EMAILS: env.list("").transform((emails) => emails.map((e) => e.toLowerCase())),
  /** Distributed mode: rate-limit counters shared by every gateway replica (unset: in this process). */
  REDIS_URL: z.string().url().optional(),
  RATE_LIMIT_AUTH_PER_MINUTE: env.positiveInt(20),
  RATE_LIMIT_PER_MINUTE: env.positiveInt(600),
  RATE_LIMIT_UPLOADS_PER_MINUTE: env.positiveInt(60),
  /** How many proxies in front of the gateway append to `X-Forwarded-For` (0: the header is ignored). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Password hashes (argon2id, 64 MiB each) computed at once; further registrations and logins wait their turn. */
  ARGON2_CONCURRENCY: env.positiveInt(2),
  /** Per user, unless an admin set the user's own (`users.quota_images_per_day`): uploads per UTC day. */
  QUOTA_IMAGES_PER_DAY: env.positiveInt(1000),
  /** Per user, unless an admin set the user's own (`users.quota_storage_mb`): MB of images still stored. */
  QUOTA_STORAGE_MB: env.positiveInt(5120),
};
export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayConfigShape>>;
