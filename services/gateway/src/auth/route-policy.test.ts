import { describe, expect, it } from "vitest";
import { ROUTE_POLICIES, SCOPES, isScope, routePolicy } from "./route-policy";
import { API_KEY_PREFIX, hashApiKey, isApiKey, newApiKey } from "./api-key-secret";

describe("routePolicy", () => {
  it.each([
    ["POST", "/auth/login", "public"],
    ["get", "/ready", "optional"],
    ["DELETE", "/auth/api-keys/:id", "user"],
    ["PATCH", "/admin/users/:id", "admin"],
    ["POST", "/imports/batches", "imports:write"],
    ["POST", "/imports/drafts/:id/select", "collection:write"],
    ["GET", "/a/route/nobody/declared", "admin"],
    ["DELETE", "/imports/batches/:id", "admin"],
  ])("%s %s → %s", (method, path, access) => {
    expect(routePolicy(method, path).access).toBe(access);
  });

  it("counts uploads only on the upload routes", () => {
    expect(Object.entries(ROUTE_POLICIES).filter(([, p]) => p.upload).map(([route]) => route)).toEqual(["POST /imports/batches", "POST /imports/uploads"]);
  });

  it("limits per client IP the public routes a client can call without limit otherwise", () => {
    const perIp = Object.entries(ROUTE_POLICIES).filter(([, p]) => p.perIp).map(([route, p]) => [route, p.perIp]);
    expect(perIp).toEqual([
      ["POST /auth/register", "auth"],
      ["POST /auth/login", "auth"],
      ["POST /auth/refresh", "auth"],
      ["POST /auth/logout", "auth"],
      ["PUT /imports/uploads/:id/content", "uploads"],
    ]);
    expect(Object.values(ROUTE_POLICIES).every((p) => !p.perIp || p.access === "public")).toBe(true);
  });

  it("names every scope in some route, and knows scopes from other strings", () => {
    const used = new Set(Object.values(ROUTE_POLICIES).map((p) => p.access));
    expect(SCOPES.filter((s) => !used.has(s))).toEqual([]);
    expect([...SCOPES, "catalog:write", "admin", 1].map(isScope)).toEqual([true, true, true, true, true, false, false, false]);
  });
});

describe("API key secrets", () => {
  it("are prefixed, 256-bit, distinct, and stored as a SHA-256 hex digest", () => {
    const [a, b] = [newApiKey(), newApiKey()];
    expect(a).not.toBe(b);
    expect(a.startsWith(API_KEY_PREFIX) && isApiKey(a)).toBe(true);
    expect(Buffer.from(a.slice(API_KEY_PREFIX.length), "base64url")).toHaveLength(32);
    expect(hashApiKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(a)).toBe(hashApiKey(a));
    expect(isApiKey("eyJhbGciOiJIUzI1NiJ9.e30.x")).toBe(false);
  });
});
