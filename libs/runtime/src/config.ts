import { z } from "zod";
import type { ChannelPolicy } from "@poke-ventory/contracts";

/** Thrown at start when the environment is invalid; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validates `env` against a zod object schema whose keys are variable names.
 * Empty strings count as unset, so `FOO=` falls back to the default.
 */
export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") input[key] = value;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Common variable types. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  number: (fallback: number) => z.coerce.number().default(fallback),
  /** A number from 0 to 1 (a score, a share). */
  fraction: (fallback: number) => z.coerce.number().min(0).max(1).default(fallback),
  flag: (fallback: boolean) =>
    z
      .enum(["0", "1", "true", "false", "yes", "no"])
      .default(fallback ? "1" : "0")
      .transform((v) => v === "1" || v === "true" || v === "yes"),
  url: () => z.string().url(),
  list: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
};

/** Variables every service reads: where the shared infrastructure is. */
export const infraShape = {
  NATS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  LOG_FORMAT: z.enum(["json", "short"]).default("json"),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Distributed services answer `/live` and `/ready` here (Kubernetes probes); unset: no health server. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  NODE_ID: z.string().optional(),
  /** Separates deployments sharing one NATS (subjects, streams, consumer groups). */
  NAMESPACE: z.string().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and dashes").default("poke-ventory"),
  /** Operator override of every channel's attempts before the dead letter (unset: each channel's policy). */
  CHANNEL_MAX_DELIVER: z.coerce.number().int().positive().max(100).optional(),
  /** Operator override of every channel's retry delays, e.g. `1000,5000,30000,120000` (the last one repeats). */
  CHANNEL_BACKOFF_MS: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "comma-separated whole milliseconds, e.g. 1000,5000,30000")
    .transform((v) => v.split(",").map(Number))
    .optional(),
};
export type InfraConfig = z.infer<z.ZodObject<typeof infraShape>>;

/** The channel policy overrides an operator set (`CHANNEL_MAX_DELIVER`, `CHANNEL_BACKOFF_MS`), for `createBroker`. */
export function channelPolicyOverrides(infra: Pick<InfraConfig, "CHANNEL_MAX_DELIVER" | "CHANNEL_BACKOFF_MS">): Partial<ChannelPolicy> {
  const overrides: Partial<ChannelPolicy> = {};
  if (infra.CHANNEL_MAX_DELIVER !== undefined) overrides.maxDeliver = infra.CHANNEL_MAX_DELIVER;
  if (infra.CHANNEL_BACKOFF_MS !== undefined) overrides.backoffMs = infra.CHANNEL_BACKOFF_MS;
  return overrides;
}
