import { describe, expect, it } from "vitest";
import SwaggerParser from "@apidevtools/swagger-parser";
import { createApiService } from "../api.service";
import { ROUTE_POLICIES } from "../auth/route-policy";
import type { AdmitDeps } from "../http/admit-request";
import { gatewayConfigShape } from "../config";
import { loadConfig } from "@poke-ventory/runtime";
import { openApiDocument } from "./openapi-document";

type Route = { path: string; aliases: Record<string, unknown> };

/** Every `METHOD /path` the gateway declares, path parameters written as OpenAPI writes them. */
function declaredOperations(): string[] {
  const config = loadConfig(gatewayConfigShape, { JWT_SECRET: "x".repeat(32) });
  // The routes only: nothing is called, so the gate and the quota lookup are never used.
  const schema = createApiService(config, {} as AdmitDeps, async () => ({ imagesPerDay: 1, storageBytes: 1 }));
  const routes = (schema.settings as { routes: Route[] }).routes;
  return routes.flatMap((route) =>
    Object.keys(route.aliases).map((alias) => {
      const [method, aliasPath] = alias.split(/\s+/);
      const joined = `/${[route.path, aliasPath].map((p) => p.replace(/^\/+|\/+$/g, "")).filter(Boolean).join("/")}`;
      return `${method.toLowerCase()} ${joined.replace(/:(\w+)/g, "{$1}")}`;
    }),
  );
}

const METHODS = ["get", "post", "put", "patch", "delete"];
const documented = () =>
  Object.entries(openApiDocument().paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
    Object.keys(ops).filter((m) => METHODS.includes(m)).map((m) => `${m} ${p}`),
  );

describe("the OpenAPI document", () => {
  it("documents every route the gateway declares", () => {
    expect(declaredOperations()).toEqual(expect.arrayContaining(["get /imports/batches/{id}/events", "patch /collection/cards/{id}", "get /", "post /auth/login"]));
    const missing = declaredOperations().filter((op) => !documented().includes(op));
    expect(missing, "routes without a path in services/gateway/src/openapi/openapi-document.ts").toEqual([]);
  });

  it("finds each declared route in the gate's policy table (none left to the fail-closed default)", () => {
    const policies = new Set(Object.keys(ROUTE_POLICIES).map((k) => k.replace(/:(\w+)/g, "{$1}").toLowerCase()));
    expect(declaredOperations().filter((op) => !policies.has(op))).toEqual([]);
  });

  it("documents no route the gateway lacks", () => {
    const declared = declaredOperations();
    expect(documented().filter((op) => !declared.includes(op))).toEqual([]);
  });

  it("is a valid OpenAPI 3.1 document whose $refs all resolve", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("fails validation for a broken document (the check can fail)", async () => {
    const broken = { ...openApiDocument(), paths: { "/x": { get: { responses: { "200": { $ref: "#/components/responses/Nope" } } } } } };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });
});
