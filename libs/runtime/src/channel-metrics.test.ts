import { afterAll, describe, expect, it, vi } from "vitest";
import type { Context, ServiceSchema } from "moleculer";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { Channels, Groups } from "@poke-ventory/contracts";
import { createBroker } from "./broker";
import { initTracing, shutdownTracing } from "./tracing";
import { publish } from "./publish";

const exporter = new InMemorySpanExporter();
initTracing({ serviceName: "metrics-unit", processors: [new SimpleSpanProcessor(exporter)] });
afterAll(() => shutdownTracing());

describe("ChannelMetricsMiddleware's stage log", () => {
  it("logs one line per message and stage with the image, the outcome and the publisher's trace id", async () => {
    const broker = createBroker({ logger: false });
    const handled: string[] = [];
    broker.createService({
      name: "producer",
      actions: { go: (ctx: Context<{ imageId: string }>) => publish(ctx, Channels.imageStored, { imageId: ctx.params.imageId }) },
    });
    broker.createService({
      name: "stage",
      channels: {
        [Channels.imageStored]: { group: Groups.vision, handler: (ctx: Context<{ imageId: string }>) => void handled.push(ctx.params.imageId) },
      },
    } as ServiceSchema);
    const info = vi.spyOn(broker.logger, "info");
    await broker.start();
    try {
      await broker.call("producer.go", { imageId: "img-1" });
      const deadline = Date.now() + 5000;
      while (handled.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const lines = info.mock.calls.map((args) => String(args[0])).filter((msg) => msg.startsWith("stage "));
      expect(lines).toHaveLength(1);
      const fields = JSON.parse(lines[0].slice("stage ".length));
      const action = exporter.getFinishedSpans().find((s) => s.name === "producer.go")!;
      expect(fields).toMatchObject({ channel: Channels.imageStored, group: Groups.vision, imageId: "img-1", outcome: "handled", traceId: action.spanContext().traceId });
      expect(fields.serviceMs).toBeGreaterThanOrEqual(0);
    } finally {
      await broker.stop();
    }
  });
});
