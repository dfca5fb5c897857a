import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDistributedStack } from "./support/distributed-stack";
import { collectorWalk } from "./support/collector-walk";

const MAX_UPLOAD_MB = 3;
const IMAGE_TTL_SECONDS = 20;

let stack: Awaited<ReturnType<typeof startDistributedStack>>;
let base = "";

beforeAll(async () => {
  stack = await startDistributedStack({
    MAX_UPLOAD_SIZE_MB: String(MAX_UPLOAD_MB),
    IMAGE_TTL_SECONDS: String(IMAGE_TTL_SECONDS),
    SWEEP_INTERVAL_SECONDS: "1",
  });
  base = stack.base;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("distributed: five processes over NATS JetStream, PostgreSQL, Redis and S3", () => {
  it("reports every dependency ready", async () => {
    const res = await fetch(`${base}/ready`);
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.status).toBe("ok");
    expect(Object.keys(body.checks).sort()).toEqual(["collection", "gateway", "ingest", "matching", "vision"]);
  });

  collectorWalk(() => base, { maxUploadMb: MAX_UPLOAD_MB, imageTtlSeconds: IMAGE_TTL_SECONDS });

  it("writes one audit report per analysed image", async () => {
    const { readdirSync } = await import("node:fs");
    const reports = readdirSync(stack.out).filter((f) => f.endsWith(".json"));
    expect(reports.length).toBe(1);
  });

  it("kept every process alive", () => {
    for (const p of stack.procs) expect(p.running, p.logs()).toBe(true);
  });
});
