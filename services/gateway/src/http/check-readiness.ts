import type { Context } from "moleculer";
import { Actions } from "@poke-ventory/contracts";

const SERVICES = {
  ingest: Actions.ingest.ready,
  vision: Actions.vision.ready,
  matching: Actions.matching.ready,
  collection: Actions.collection.ready,
} as const;

export interface ReadinessReport {
  status: "ok" | "unavailable";
  checks: Record<string, { status: "ok" | "unavailable"; detail?: unknown }>;
}

/** Asks every service whether its dependencies (DB, Redis, NATS, S3) answer; a slow one counts as down. */
export async function checkReadiness(ctx: Context, pingOwnDatabase: () => Promise<void>): Promise<ReadinessReport> {
  const checks: ReadinessReport["checks"] = {};
  const probe = async (name: string, run: () => Promise<unknown>) => {
    try {
      const detail = await run();
      checks[name] = { status: "ok", ...(detail && typeof detail === "object" ? { detail } : {}) };
    } catch (err) {
      checks[name] = { status: "unavailable", detail: (err as Error)?.message ?? String(err) };
    }
  };
  await Promise.all([
    probe("gateway", pingOwnDatabase),
    ...Object.entries(SERVICES).map(([name, action]) => probe(name, () => ctx.call(action, {}, { timeout: 3000, retries: 0 }))),
  ]);
  const status = Object.values(checks).every((c) => c.status === "ok") ? "ok" : "unavailable";
  return { status, checks };
}
