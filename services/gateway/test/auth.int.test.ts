import { afterAll, beforeAll, describe, expect, it } from "vitest";
import jwt from "jsonwebtoken";
import { startTestGateway, TEST_SECRET as SECRET, type TestGateway } from "./gateway-harness";

let gw: TestGateway;
let base: string;
const http = (...args: Parameters<TestGateway["http"]>) => gw.http(...args);

beforeAll(async () => {
  gw = await startTestGateway();
  base = gw.base;
});

afterAll(async () => {
  await gw?.stop();
});

describe("auth over HTTP against PostgreSQL", () => {
  const email = `misty.${Date.now()}@example.com`;

  it("registers once (201), then refuses the same email in any case (409)", async () => {
    const created = await http("POST", "/auth/register", { email, password: "starmie-rocks" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, id: expect.any(String) });
    expect(created.body).not.toHaveProperty("password_hash");
    const again = await http("POST", "/auth/register", { email: email.toUpperCase(), password: "starmie-rocks" });
    expect(again).toMatchObject({ status: 409, body: { error: { type: "EMAIL_TAKEN", status: 409 } } });
    const rows = await gw.ds.query("SELECT password_hash FROM users WHERE email = $1", [email]);
    expect(rows).toHaveLength(1);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it("answers 422 listing every bad field", async () => {
    const res = await http("POST", "/auth/register", { email: "nope", password: "x" });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(["email", "password"]);
  });

  it("logs in with a bearer pair, refreshes it, and rejects a wrong password with 401", async () => {
    const login = await http("POST", "/auth/login", { email, password: "starmie-rocks" });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ token_type: "bearer", expires_in: 900, access_token: expect.any(String), refresh_token: expect.any(String) });
    const refreshed = await http("POST", "/auth/refresh", { refresh_token: login.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).toEqual(expect.any(String));
    const wrong = await http("POST", "/auth/login", { email, password: "psyduck-rocks" });
    expect(wrong).toMatchObject({ status: 401, body: { error: { type: "INVALID_CREDENTIALS" } } });
    const unknown = await http("POST", "/auth/login", { email: "nobody@example.com", password: "psyduck-rocks" });
    expect(unknown.body.error.type).toBe("INVALID_CREDENTIALS");
  });

  it.each([
    ["no header", {}],
    ["a malformed header", { authorization: "Token abc" }],
    ["garbage", { authorization: "Bearer not-a-jwt" }],
    ["an expired token", { authorization: `Bearer ${jwt.sign({ typ: "access", exp: Math.floor(Date.now() / 1000) - 5 }, SECRET, { subject: "u" })}` }],
    ["a wrong signature", { authorization: `Bearer ${jwt.sign({ typ: "access" }, "another-secret-of-enough-length-000000", { subject: "u" })}` }],
    ["a refresh token", { authorization: `Bearer ${jwt.sign({ typ: "refresh" }, SECRET, { subject: "u" })}` }],
  ])("answers 401 to a protected route with %s", async (_label, headers) => {
    for (const path of ["/collection/cards", "/imports/batches/x", "/imports/images/x", "/catalog/sets"]) {
      const res = await http("GET", path, undefined, headers as Record<string, string>);
      expect(res).toMatchObject({ status: 401, body: { error: { status: 401, type: "UNAUTHORIZED" } } });
    }
  });

  it("answers unknown routes, malformed JSON and oversized bodies with the one error shape", async () => {
    expect(await http("GET", "/nope")).toMatchObject({ status: 404, body: { error: { status: 404 } } });
    const bad = await fetch(`${base}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: unknown }).error).toMatchObject({ status: 400, type: "MALFORMED_REQUEST" });
    const huge = await fetch(`${base}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "x".repeat(100_000) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: unknown }).error).toMatchObject({ status: 413, type: "PAYLOAD_TOO_LARGE" });
  });

  it("refuses to refresh a token whose account does not exist, or an access token", async () => {
    const orphan = jwt.sign({ typ: "refresh", email: "ghost@example.com" }, SECRET, { subject: "7f0c0e52-2c57-4c1e-9d4e-5b1a2f3c4d5e" });
    expect(await http("POST", "/auth/refresh", { refresh_token: orphan })).toMatchObject({ status: 401, body: { error: { type: "UNAUTHORIZED" } } });
    const login = await http("POST", "/auth/login", { email, password: "starmie-rocks" });
    expect((await http("POST", "/auth/refresh", { refresh_token: login.body.access_token })).status).toBe(401);
    expect((await http("POST", "/auth/refresh", { refresh_token: 12 })).status).toBe(401);
  });

  it("is live on /health", async () => {
    expect(await http("GET", "/health")).toMatchObject({ status: 200, body: { status: "ok" } });
  });
});
