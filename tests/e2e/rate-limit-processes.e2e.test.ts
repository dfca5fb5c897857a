import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, repoRoot, testInfra, uniqueName } from "@poke-ventory/testing";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";

/**
 * Rate limits as deployed: two gateway processes (the built service, as in a container) behind one load balancer,
 * on one Redis and one database. A client's budget is one, whichever process answers, and outlives a process killed.
 */
const AUTH_PER_MINUTE = 6;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let gateways: { proc: ManagedProcess; base: string }[] = [];

beforeAll(async () => {
  db = await createTestDatabase("pv_ratelimit");
  const namespace = uniqueName("pv-rl").toLowerCase().replace(/_/g, "-");
  const start = async (n: number) => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NATS_URL: testInfra.natsUrl,
      NAMESPACE: namespace,
      NODE_ID: `${namespace}-gateway-${n}`,
      DATABASE_URL: db.url,
      REDIS_URL: testInfra.redisUrl,
      JWT_SECRET: "e2e-secret-that-is-long-enough-0123456789",
      PORT: String(port),
      RATE_LIMIT_AUTH_PER_MINUTE: String(AUTH_PER_MINUTE),
      // Behind one trusted proxy: the test names each client's address, so parallel runs on one Redis count apart.
      TRUST_PROXY: "1",
      LOG_LEVEL: "warn",
    };
    return { proc: new ManagedProcess(`gateway-${n}`, process.execPath, [path.join(repoRoot, "services/gateway/dist/main.js")], env, repoRoot), base: `http://127.0.0.1:${port}` };
  };
  // One after the other: the first creates the schema.
  gateways = [await start(1)];
  await waitUntil("gateway 1 up", async () => (await fetch(`${gateways[0].base}/health`)).status === 200, 60_000, [gateways[0].proc]);
  gateways.push(await start(2));
  await waitUntil("gateway 2 up", async () => (await fetch(`${gateways[1].base}/health`)).status === 200, 60_000, [gateways[1].proc]);
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.proc.stop()));
  await db?.drop();
});

const client = `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.7`;
const login = (base: string) =>
  fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
  });

describe("rate limits across two gateway processes on one Redis", () => {
  it("counts one client's logins once, whichever process answers, and keeps counting after one is killed", async () => {
    const answers = [];
    for (let i = 0; i < AUTH_PER_MINUTE + 2; i++) answers.push(await login(gateways[i % 2].base));
    expect(answers.map((r) => r.status)).toEqual([...Array(AUTH_PER_MINUTE).fill(401), 429, 429]);
    const refused = answers.at(-1)!;
    expect(await refused.json()).toMatchObject({ error: { status: 429, type: "RATE_LIMITED" } });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");

    // The budget lives in Redis: the process left refuses too, and a process started afresh would.
    await gateways[0].proc.kill("SIGKILL");
    const after = await login(gateways[1].base);
    expect(after.status).toBe(429);
  });
});
