import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomInt, randomUUID } from "node:crypto";
import { testInfra } from "@poke-ventory/testing";
import { bearer, signUp, startTestGateway, type TestGateway } from "./gateway-harness";

// Behind one trusted proxy: each test sends its own client address, so tests (and parallel runs on one Redis) count apart.
const limits = { RATE_LIMIT_AUTH_PER_MINUTE: "3", RATE_LIMIT_PER_MINUTE: "5", RATE_LIMIT_UPLOADS_PER_MINUTE: "2", TRUST_PROXY: "1" };
const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const from = (ip: string) => ({ "x-forwarded-for": `6.6.6.6, ${ip}` });

let gw: TestGateway;
let replica: TestGateway;
let misty: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  // Two gateway replicas on one database and one Redis (the distributed mode).
  gw = await startTestGateway({ env: { ...limits, REDIS_URL: testInfra.redisUrl, RATE_LIMIT_AUTH_PER_MINUTE: "1000" } });
  replica = await startTestGateway({ env: { ...limits, REDIS_URL: testInfra.redisUrl }, replicaOf: gw });
  misty = await signUp(gw, `misty.${Date.now()}@example.com`);
});
afterAll(async () => {
  await replica?.stop();
  await gw?.stop();
});

const headersOf = (res: { headers: Headers }) => ({
  limit: res.headers.get("ratelimit-limit"),
  remaining: res.headers.get("ratelimit-remaining"),
  reset: Number(res.headers.get("ratelimit-reset")),
  retryAfter: res.headers.get("retry-after"),
});

describe("rate limits over HTTP", () => {
  it("limits /auth/* per client IP (register included): 429 RATE_LIMITED with Retry-After and RateLimit-*", async () => {
    const ip = randomIp();
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await replica.http("POST", "/auth/login", { email: "nobody@example.com", password: "wrong-password" }, from(ip));
      statuses.push(res.status);
      expect(headersOf(res)).toMatchObject({ limit: "3", remaining: String(2 - i), retryAfter: null });
    }
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await replica.http("POST", "/auth/register", { email: "new@example.com", password: "whatever-123" }, from(ip));
    expect(refused).toMatchObject({ status: 429, body: { error: { status: 429, type: "RATE_LIMITED" } } });
    const h = headersOf(refused);
    expect(h).toMatchObject({ limit: "3", remaining: "0" });
    expect(Number(h.retryAfter)).toBeGreaterThan(0);
    expect(Number(h.retryAfter)).toBeLessThanOrEqual(60);
    expect(h.reset).toBe(Number(h.retryAfter));
    expect((await replica.http("POST", "/auth/login", { email: "nobody@example.com", password: "wrong-password" }, from(randomIp()))).status).toBe(401);
  });

  it("counts apart a gateway of another NAMESPACE on the same Redis", async () => {
    const other = await startTestGateway({ env: { ...limits, REDIS_URL: testInfra.redisUrl }, namespace: `other-${randomInt(1e9)}`, replicaOf: gw });
    try {
      const ip = randomIp();
      const login = (g: TestGateway) => g.http("POST", "/auth/login", { email: "nobody@example.com", password: "wrong-password" }, from(ip));
      for (let i = 0; i < 3; i++) expect((await login(replica)).status).toBe(401);
      expect((await login(replica)).status).toBe(429);
      const elsewhere = await login(other);
      expect(elsewhere.status).toBe(401);
      expect(headersOf(elsewhere)).toMatchObject({ limit: "3", remaining: "2" });
    } finally {
      await other.stop();
    }
  });

  it("shares one client's budget across two gateway replicas on one Redis", async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await (i % 2 ? replica : gw).http("GET", "/auth/api-keys", undefined, bearer(misty.access))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  it("counts an API key apart from its user, and uploads against their own limit too", async () => {
    const owner = await signUp(gw, `brock.${Date.now()}@example.com`);
    const key = await gw.http("POST", "/auth/api-keys", { name: "uploader", scopes: ["imports:write", "catalog:read"] }, bearer(owner.access));
    const upload = () => gw.http("POST", "/imports/batches", undefined, { "x-api-key": key.body.key });
    const [first, second, third] = [await upload(), await upload(), await upload()];
    expect([first.status, second.status]).not.toContain(429);
    expect(third.status).toBe(429);
    expect(headersOf(third)).toMatchObject({ limit: "2", remaining: "0" });
    // The key's general budget (5) has 2 left after 3 requests; its user's is untouched.
    const read = await gw.http("GET", "/catalog/sets", undefined, { "x-api-key": key.body.key });
    expect(headersOf(read)).toMatchObject({ limit: "5", remaining: "1" });
    expect(headersOf(await gw.http("GET", "/auth/api-keys", undefined, bearer(owner.access)))).toMatchObject({ limit: "5", remaining: "3" });
  });

  it("limits the signed direct-upload PUT (no bearer) per client IP with the uploads limit", async () => {
    const ip = randomIp();
    const put = (from_: string) =>
      fetch(`${gw.base}/imports/uploads/${randomUUID()}/content?expires=1&signature=x`, { method: "PUT", headers: { ...from(from_), "content-type": "image/jpeg" }, body: new Uint8Array(8) });
    const answers = [await put(ip), await put(ip), await put(ip)];
    expect(answers.slice(0, 2).map((r) => r.status)).not.toContain(429);
    expect(answers.map(headersOf).map((h) => [h.limit, h.remaining])).toEqual([["2", "1"], ["2", "0"], ["2", "0"]]);
    expect(answers[2].status).toBe(429);
    expect(((await answers[2].json()) as { error: { type: string } }).error.type).toBe("RATE_LIMITED");
    expect(Number(headersOf(answers[2]).retryAfter)).toBeGreaterThan(0);
    expect((await put(randomIp())).status).not.toBe(429);
  });

  it("lets requests through without limit headers while Redis cannot be reached", async () => {
    const cut = await startTestGateway({ env: { REDIS_URL: "redis://127.0.0.1:1" } });
    try {
      const res = await cut.http("POST", "/auth/login", { email: "nobody@example.com", password: "wrong-password" });
      expect(res.status).toBe(401);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    } finally {
      await cut.stop();
    }
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY says a proxy sets it", async () => {
    const direct = await startTestGateway({ env: { RATE_LIMIT_AUTH_PER_MINUTE: "2" } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await direct.http("POST", "/auth/refresh", { refresh_token: "x" }, from(randomIp()))).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await direct.stop();
    }
  });
});
