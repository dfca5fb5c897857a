import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bearer, startTestGateway, type TestGateway } from "./gateway-harness";

let gw: TestGateway;
const lines: string[] = [];

beforeAll(async () => {
  // The broker's own Console logger at debug level (what LOG_LEVEL=debug runs), its output captured.
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
  }
  gw = await startTestGateway({ broker: { logLevel: "debug", logFormat: "json" } });
});
afterAll(async () => {
  await gw?.stop();
  vi.restoreAllMocks();
});

describe("logs at debug level", () => {
  it("never hold a password, an access or refresh token, or an API key", async () => {
    const email = `secretive.${Date.now()}@example.com`;
    const password = "Sup3r-Secret-Passw0rd!";
    expect((await gw.http("POST", "/auth/register", { email, password })).status).toBe(201);
    const login = await gw.http("POST", "/auth/login", { email, password });
    const refreshed = await gw.http("POST", "/auth/refresh", { refresh_token: login.body.refresh_token });
    const key = await gw.http("POST", "/auth/api-keys", { name: "k", scopes: ["catalog:read"] }, bearer(refreshed.body.access_token));
    await gw.http("GET", "/catalog/sets", undefined, { "x-api-key": key.body.key });
    await gw.http("POST", "/auth/login", { email, password: "Wr0ng-Passw0rd-Here" });
    expect((await gw.http("POST", "/auth/logout", { refresh_token: refreshed.body.refresh_token })).status).toBe(204);

    const output = lines.join("\n");
    // The capture works: the requests were logged at debug level.
    expect(output).toMatch(/auth\.login|\/auth\/login/);
    expect(output).toMatch(/"level":"debug"|DEBUG/i);
    const secrets = [password, "Wr0ng-Passw0rd-Here", login.body.access_token, login.body.refresh_token, refreshed.body.access_token, refreshed.body.refresh_token, key.body.key];
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});
