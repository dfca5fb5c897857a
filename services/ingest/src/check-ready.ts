import { AppError } from "@poke-ventory/contracts";

export interface ReadyReport {
  status: "ok";
  checks: Record<string, "ok">;
}

/** Runs every probe; SERVICE_UNAVAILABLE naming the failed ones unless all answer. */
export async function checkReady(probes: Record<string, () => Promise<unknown>>): Promise<ReadyReport> {
  const names = Object.keys(probes);
  const results = await Promise.allSettled(names.map((name) => probes[name]()));
  const failed: Record<string, string> = {};
  results.forEach((result, i) => {
    if (result.status === "rejected") failed[names[i]] = String((result.reason as Error)?.message ?? result.reason);
  });
  if (Object.keys(failed).length > 0) {
    throw new AppError("SERVICE_UNAVAILABLE", `Not ready: ${Object.keys(failed).join(", ")}`, { failed });
  }
  return { status: "ok", checks: Object.fromEntries(names.map((name) => [name, "ok" as const])) };
}
