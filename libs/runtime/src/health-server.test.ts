import { afterEach, describe, expect, it } from "vitest";
import { ServiceBroker } from "moleculer";
import { startHealthServer, type HealthServer } from "./health-server";

let broker: ServiceBroker;
let server: HealthServer;
let actionFails = false;
let checkFails = false;

async function setUp() {
  broker = new ServiceBroker({ logger: false });
  broker.createService({
    name: "svc",
    actions: {
      ready: () => {
        if (actionFails) throw new Error("redis down");
        return { status: "ok" };
      },
    },
  });
  server = await startHealthServer(broker, {
    port: 0,
    host: "127.0.0.1",
    readyAction: "svc.ready",
    checks: { database: async () => { if (checkFails) throw new Error("db down"); } },
  });
}

const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
  return { status: res.status, body: (await res.json()) as { status?: string; failed?: Record<string, string> } };
};

afterEach(async () => {
  await broker.stop();
  await server.close();
  actionFails = false;
  checkFails = false;
});

describe("startHealthServer", () => {
  it("is live at once, ready only once the broker has started", async () => {
    await setUp();
    expect((await get("/live")).status).toBe(200);
    const before = await get("/ready");
    expect(before).toMatchObject({ status: 503, body: { failed: { broker: "not started" } } });
    await broker.start();
    expect(await get("/ready")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it.each([
    ["the service's ready action fails", () => (actionFails = true), "svc.ready", "redis down"],
    ["a check fails", () => (checkFails = true), "database", "db down"],
  ])("is not ready when %s", async (_case, breakIt, name, message) => {
    await setUp();
    await broker.start();
    breakIt();
    const res = await get("/ready");
    expect(res.status).toBe(503);
    expect(res.body.failed?.[name]).toContain(message);
    expect((await get("/live")).status).toBe(200);
  });

  it("answers 404 elsewhere and is not ready once the broker stops", async () => {
    await setUp();
    await broker.start();
    expect((await get("/metrics")).status).toBe(404);
    await broker.stop();
    expect((await get("/ready")).status).toBe(503);
  });
});
