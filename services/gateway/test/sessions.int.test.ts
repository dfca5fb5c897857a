import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookup } from "node:dns/promises";
import { bearer, signUp, startTestGateway, type TestGateway } from "./gateway-harness";

let gw: TestGateway;
let misty: Awaited<ReturnType<typeof signUp>>;
const email = `misty.${Date.now()}@example.com`;
const password = "starmie-rocks";

beforeAll(async () => {
  gw = await startTestGateway({ env: { RATE_LIMIT_AUTH_PER_MINUTE: "1000" } });
  misty = await signUp(gw, email, password);
});
afterAll(() => gw?.stop());

const lookup4 = (host: string) => lookup(host, { family: 4 });
const refresh = (token: string) => gw.http("POST", "/auth/refresh", { refresh_token: token });

describe("refresh tokens rotate and revoke", () => {
  it("rotates: a refresh token works once and its successor works", async () => {
    const first = await gw.http("POST", "/auth/login", { email, password });
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await refresh(second.body.refresh_token)).status).toBe(200);
  });

  it("revokes the whole family when an old token is used again, and leaves other logins alone", async () => {
    const other = await gw.http("POST", "/auth/login", { email, password });
    const stolen = (await gw.http("POST", "/auth/login", { email, password })).body.refresh_token;
    const rotated = (await refresh(stolen)).body.refresh_token;
    expect(await refresh(stolen)).toMatchObject({ status: 401, body: { error: { type: "UNAUTHORIZED" } } });
    expect((await refresh(rotated)).status).toBe(401);
    expect((await refresh(other.body.refresh_token)).status).toBe(200);
  });

  it("lets exactly one of two concurrent uses of a token rotate", async () => {
    const token = (await gw.http("POST", "/auth/login", { email, password })).body.refresh_token;
    const statuses = (await Promise.all([refresh(token), refresh(token)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it("logs out (204): the token and every token of its family stop refreshing", async () => {
    const login = await gw.http("POST", "/auth/login", { email, password });
    const next = (await refresh(login.body.refresh_token)).body.refresh_token;
    expect((await gw.http("POST", "/auth/logout", { refresh_token: next })).status).toBe(204);
    expect((await refresh(next)).status).toBe(401);
    expect((await gw.http("POST", "/auth/logout", { refresh_token: "garbage" })).status).toBe(401);
    expect((await gw.http("POST", "/auth/logout", { refresh_token: login.body.access_token })).status).toBe(401);
  });
});

describe("the refresh_tokens table", () => {
  it("loses a user's expired tokens when they sign in again", async () => {
    await gw.ds.query(`INSERT INTO refresh_tokens (id, family_id, user_id, expires_at) VALUES (gen_random_uuid(), gen_random_uuid(), $1, now() - interval '1 day')`, [misty.id]);
    const expired = async () => (await gw.ds.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND expires_at < now()`, [misty.id]))[0].n;
    expect(await expired()).toBe(1);
    expect((await gw.http("POST", "/auth/login", { email, password })).status).toBe(200);
    expect(await expired()).toBe(0);
  });
});

describe("login timing", () => {
  const timeLogin = async (who: string) => {
    const started = performance.now();
    const res = await gw.http("POST", "/auth/login", { email: who, password: "wrong-password-1" });
    expect(res.status).toBe(401);
    return performance.now() - started;
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  it("costs the same for an unknown email as for a known one (a dummy hash is verified)", async () => {
    await timeLogin("warm-up@example.com");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await timeLogin(email));
      unknown.push(await timeLogin(`nobody.${i}@example.com`));
    }
    console.log(`login with a wrong password: known email ${median(known).toFixed(0)} ms, unknown email ${median(unknown).toFixed(0)} ms (medians of 3)`);
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe("disabled users", () => {
  it("answers 403 to the right password of a disabled account and 401 to its tokens at once", async () => {
    const brockEmail = `brock.${Date.now()}@example.com`;
    const brock = await signUp(gw, brockEmail, password);
    const key = await gw.http("POST", "/auth/api-keys", { name: "k", scopes: ["catalog:read"] }, bearer(brock.access));
    await gw.ds.query("UPDATE users SET disabled = true WHERE id = $1", [brock.id]);
    expect((await gw.http("GET", "/auth/api-keys", undefined, bearer(brock.access))).status).toBe(401);
    expect((await gw.http("GET", "/catalog/sets", undefined, { "x-api-key": key.body.key })).status).toBe(401);
    expect((await refresh(brock.refresh)).status).toBe(401);
    expect(await gw.http("POST", "/auth/login", { email: brockEmail, password })).toMatchObject({ status: 403, body: { error: { type: "FORBIDDEN" } } });
    expect((await gw.http("POST", "/auth/login", { email: brockEmail, password: "wrong-password-1" })).status).toBe(401);
  });
});

describe("argon2 under parallel registrations", () => {
  // Each hash holds a libuv thread (4 by default) for ~0.4 s; file reads, DNS lookups (a database reached by
  // host name) and zlib queue behind them. This process is the gateway's: its thread pool is the one measured.
  it("leaves the thread pool free for file and DNS work, and routes answering, while 8 registrations hash", async () => {
    const registrations = Array.from({ length: 8 }, (_, i) => gw.http("POST", "/auth/register", { email: `p${i}.${Date.now()}@example.com`, password }));
    await new Promise((r) => setTimeout(r, 80));
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const [lookup, route] = [await timed(() => lookup4("localhost")), await timed(() => gw.http("GET", "/auth/api-keys", undefined, bearer(misty.access)))];
    expect((await Promise.all(registrations)).map((r) => r.status)).toEqual(Array(8).fill(201));
    console.log(`during 8 parallel registrations: DNS lookup ${lookup.toFixed(0)} ms, authenticated route ${route.toFixed(0)} ms`);
    expect(lookup).toBeLessThan(500);
    expect(route).toBeLessThan(300);
  });
});
