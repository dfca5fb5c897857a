import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { ServiceBroker } from "moleculer";
import type { DataSource } from "typeorm";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, loadConfig } from "@poke-ventory/runtime";
import { createTestDatabase } from "@poke-ventory/testing";
import { composeGateway, gatewayConfigShape, gatewayEntities, gatewayMigrations } from "../src/index";

const SECRET = "integration-secret-".padEnd(48, "x");
const root = mkdtempSync(path.join(tmpdir(), "web-dist-"));
const built = path.join(root, "dist");
const missing = path.join(root, "nothing-here");
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ds: DataSource;
const brokers: ServiceBroker[] = [];

async function gateway(webDistDir: string): Promise<string> {
  const config = loadConfig(gatewayConfigShape, { PORT: "0", JWT_SECRET: SECRET });
  const broker = createBroker({ logger: false, nodeId: `web-${brokers.length}` } as never);
  (await composeGateway(config, { dataSource: ds, webDistDir })).schemas.forEach((s) => broker.createService(s));
  await broker.start();
  brokers.push(broker);
  const api = broker.getLocalService("api") as unknown as { server: { address(): AddressInfo } };
  return `http://127.0.0.1:${api.server.address().port}`;
}

beforeAll(async () => {
  mkdirSync(path.join(built, "assets"), { recursive: true });
  writeFileSync(path.join(built, "index.html"), '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(path.join(built, "assets", "index-abc123.js"), "console.log('app')");
  writeFileSync(path.join(built, "assets", "index-abc123.css"), "body{}");
  db = await createTestDatabase();
  ds = await openDatabase({ url: db.url, entities: gatewayEntities, migrations: gatewayMigrations, migrationsTableName: "migrations_gateway" });
});

afterAll(async () => {
  for (const b of brokers) await b.stop();
  await ds?.destroy();
  await db?.drop();
  rmSync(root, { recursive: true, force: true });
});

describe("the gateway serves the built web app at /", () => {
  it("answers index.html never cached, with a CSP that allows no inline script", async () => {
    const base = await gateway(built);
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(await res.text()).toContain("/assets/index-abc123.js");

    const js = await fetch(`${base}/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("cache-control")).toContain("max-age=31536000");
    expect(await js.text()).toBe("console.log('app')");
    expect((await fetch(`${base}/assets/index-abc123.css`)).headers.get("content-type")).toMatch(/^text\/css/);
  });

  it.each(["nope.js", "..%2Findex.html", "%2e%2e%2f%2e%2e%2fpackage.json", ".hidden"])("answers 404 JSON for the asset %s", async (name) => {
    const base = await gateway(built);
    const res = await fetch(`${base}/assets/${name}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { status: 404, type: "NOT_FOUND" } });
  });

  it("keeps the API's own paths beside the app", async () => {
    const base = await gateway(built);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${base}/collection/cards`)).status).toBe(401);
  });

  it("serves /openapi.json and Swagger UI at /docs from the npm package, with no inline script", async () => {
    const base = await gateway(built);
    const doc = await fetch(`${base}/openapi.json`);
    expect(doc.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await doc.json()).toMatchObject({ openapi: "3.1.0", paths: { "/imports/batches/{id}/events": { get: expect.any(Object) } } });
    const page = await fetch(`${base}/docs`);
    const html = await page.text();
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(html).toContain('src="/docs/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/<script>[^<]/);
    for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "init.js"]) {
      const res = await fetch(`${base}/docs/${file}`);
      expect(res.status, file).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10);
    }
    expect((await fetch(`${base}/docs/package.json`)).status).toBe(404);
  });

  it("answers a clear 503 JSON when the app is not built, and stays up", async () => {
    const base = await gateway(missing);
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error).toMatchObject({ status: 503, type: "SERVICE_UNAVAILABLE" });
    expect(body.error.message).toContain("npm run build");
    expect((await fetch(`${base}/assets/index-abc123.js`)).status).toBe(503);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
