import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import { AppError } from "@poke-ventory/contracts";
import { createBroker } from "./broker";

const brokers: ServiceBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

function start(opts: Parameters<typeof createBroker>[0], ...schemas: ServiceSchema[]) {
  const broker = createBroker({ logger: false, ...opts });
  schemas.forEach((s) => broker.createService(s));
  brokers.push(broker);
  return broker.start().then(() => broker);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe("createBroker (in-process)", () => {
  it("turns an AppError into a client error with its type, status and details", async () => {
    const broker = await start({}, {
      name: "cards",
      actions: { boom: () => { throw new AppError("DRAFT_ALREADY_VALIDATED", "already validated", { draft: "d1" }); } },
    });
    await expect(broker.call("cards.boom")).rejects.toMatchObject({ type: "DRAFT_ALREADY_VALIDATED", code: 409, data: { draft: "d1" } });
  });

  it("delivers channel messages to each consumer group once", async () => {
    const seen: string[] = [];
    const consumer = (group: string) =>
      ({ name: `c-${group}`, channels: { "image.stored": { group, handler: (ctx: Context<{ id: string }>) => void seen.push(`${group}:${ctx.params.id}`) } } }) as ServiceSchema;
    const broker = await start({}, consumer("vision"), consumer("audit"));
    await (broker as unknown as { sendToChannel(n: string, p: unknown): Promise<void> }).sendToChannel("image.stored", { id: "i1" });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.sort()).toEqual(["audit:i1", "vision:i1"]);
  });

  it("serves Prometheus metrics on METRICS_PORT", async () => {
    const port = await freePort();
    const broker = await start({ metricsPort: port }, { name: "ping", actions: { ping: () => "pong" } });
    await broker.call("ping.ping");
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toContain("moleculer_request_total");
  });
});
