import type { Context, ServiceBroker } from "moleculer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Actions, Channels, type ImageAnalyzed, type ImageStored } from "@poke-ventory/contracts";
import { createBroker, loadConfig } from "@poke-ventory/runtime";
import { MinioObjectStore } from "@poke-ventory/storage";
import { startTestS3, type TestS3 } from "@poke-ventory/testing";
import { benchBytes, benchImages, sameNumber } from "./bench-images";
import { composeVision, visionConfigShape } from "../src/index";

type ChannelBroker = ServiceBroker & { sendToChannel(name: string, payload: unknown): Promise<void> };

describe("vision service (in-process broker, S3 object store)", () => {
  // Two scans chosen by the test (any scan would do): a card, its number read.
  const [scan, otherScan] = benchImages("scan", 2, "service", (l) => /^\d+$/.test(l.number ?? ""));
  let s3: TestS3;
  let objects: MinioObjectStore;
  let broker: ChannelBroker;
  let close: () => Promise<void>;
  const received: ImageAnalyzed[] = [];

  beforeAll(async () => {
    s3 = await startTestS3();
    const env = { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey, S3_BUCKET: s3.bucket, OCR_WORKERS: "1" };
    const config = loadConfig(visionConfigShape, env);
    objects = new MinioObjectStore(s3);
    broker = createBroker({ logger: false }) as ChannelBroker;
    const composed = await composeVision(config, {});
    close = composed.close;
    composed.schemas.forEach((schema) => broker.createService(schema));
    broker.createService({
      name: "analyzed-sink",
      channels: {
        [Channels.imageAnalyzed]: { group: "test", handler: (ctx: Context<ImageAnalyzed>) => void received.push(ctx.params) },
      },
    } as never);
    await broker.start();
  });
  afterAll(async () => {
    await broker?.stop();
    await close?.();
    await s3?.close();
  });
  beforeEach(() => void (received.length = 0));

  const message = (imageId: string, objectKey: string, subjectType: ImageStored["subjectType"] = "cards"): ImageStored => ({
    imageId, batchId: "batch-1", userId: "user-1", objectKey, contentType: "image/jpeg", subjectType, width: 0, height: 0,
    storedAt: new Date(0).toISOString(),
  });

  async function nextAnalyzed(count = 1): Promise<ImageAnalyzed[]> {
    await expect.poll(() => received.length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(count);
    return received.splice(0, count);
  }

  it("image.stored of a card photo → image.analyzed with the card and a stored crop", async () => {
    await objects.put("originals/img-1", benchBytes(scan), { contentType: "image/jpeg" });
    await broker.sendToChannel(Channels.imageStored, message("img-1", "originals/img-1"));
    const [analyzed] = await nextAnalyzed();
    expect(analyzed).toMatchObject({ imageId: "img-1", batchId: "batch-1", userId: "user-1", subjectType: "cards" });
    expect(analyzed.cards).toHaveLength(1);
    expect(analyzed.cards[0].cropKey).toBe("crops/img-1/0.jpg");
    expect(sameNumber(analyzed.cards[0].features.number, scan.number)).toBe(true);
    expect(await objects.exists("crops/img-1/0.jpg")).toBe(true);
  });

  it("a redelivered message gives the same cards and the same crop keys", async () => {
    await objects.put("originals/img-2", benchBytes(otherScan), { contentType: "image/jpeg" });
    await broker.sendToChannel(Channels.imageStored, message("img-2", "originals/img-2"));
    const [first] = await nextAnalyzed();
    await broker.sendToChannel(Channels.imageStored, message("img-2", "originals/img-2"));
    const [second] = await nextAnalyzed();
    expect(second.cards).toEqual(first.cards);
  });

  it("a corrupt image gives zero cards and the service keeps working", async () => {
    const jpeg = benchBytes(otherScan);
    await objects.put("originals/bad", Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(500, 7)]), { contentType: "image/jpeg" });
    await broker.sendToChannel(Channels.imageStored, message("bad", "originals/bad"));
    const [analyzed] = await nextAnalyzed();
    expect(analyzed).toMatchObject({ imageId: "bad", cards: [] });
    await expect(broker.call(Actions.vision.ready)).resolves.toMatchObject({ status: "ok" });
  });

  it("sealed products are not analysed", async () => {
    await broker.sendToChannel(Channels.imageStored, message("sealed-1", "originals/none", "sealed"));
    await objects.put("originals/img-3", benchBytes(scan), { contentType: "image/jpeg" });
    await broker.sendToChannel(Channels.imageStored, message("img-3", "originals/img-3"));
    const [analyzed] = await nextAnalyzed();
    expect(analyzed.imageId).toBe("img-3");
    expect(received).toHaveLength(0);
  });
});
