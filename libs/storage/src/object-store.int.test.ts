import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3, tempDir, type TestS3 } from "@poke-ventory/testing";
import { FsObjectStore } from "./fs-object-store";
import { MinioObjectStore } from "./minio-object-store";
import { ObjectNotFoundError, type ObjectStore } from "./object-store";

interface Harness {
  store: ObjectStore;
  close(): Promise<void>;
}

const adapters: Array<[string, () => Promise<Harness>]> = [
  [
    "FsObjectStore",
    async () => {
      const tmp = tempDir("pv-objects-");
      return { store: new FsObjectStore(tmp.dir), close: async () => tmp.remove() };
    },
  ],
  [
    "MinioObjectStore",
    async () => {
      const s3: TestS3 = await startTestS3(`contract-${Date.now().toString(36)}`);
      const store = new MinioObjectStore(s3);
      await store.ensureBucket();
      return { store, close: () => s3.close() };
    },
  ],
];

const bytes = (text: string) => Buffer.from(text, "utf8");
const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe.each(adapters)("ObjectStore contract: %s", (_name, open) => {
  let harness: Harness;
  let store: ObjectStore;
  beforeAll(async () => {
    harness = await open();
    store = harness.store;
  });
  afterAll(() => harness.close());

  it("answers ping", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it("stores a buffer and reads it back whole and as a stream", async () => {
    await store.put("originals/a", bytes("hello"), { contentType: "text/plain", size: 5 });
    expect((await store.get("originals/a")).toString()).toBe("hello");
    expect((await readAll(await store.getStream("originals/a"))).toString()).toBe("hello");
    expect(await store.exists("originals/a")).toBe(true);
  });

  it("stores a stream", async () => {
    const body = Buffer.alloc(200_000, 7);
    await store.put("originals/stream", Readable.from([body.subarray(0, 100_000), body.subarray(100_000)]), {
      contentType: "application/octet-stream",
      size: body.length,
    });
    expect((await store.get("originals/stream")).equals(body)).toBe(true);
  });

  it("reports a missing key as ObjectNotFoundError", async () => {
    expect(await store.exists("originals/missing")).toBe(false);
    await expect(store.get("originals/missing")).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.getStream("originals/missing")).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it("deletes one object, and deleting a missing one is not an error", async () => {
    await store.put("originals/b", bytes("b"), { contentType: "text/plain" });
    await store.delete("originals/b");
    expect(await store.exists("originals/b")).toBe(false);
    await expect(store.delete("originals/b")).resolves.toBeUndefined();
  });

  it("deletes every object under a prefix and nothing else", async () => {
    for (const key of ["crops/img1/0.jpg", "crops/img1/1.jpg", "crops/img1/deep/2.jpg", "crops/img10/0.jpg", "crops/img2/0.jpg"]) {
      await store.put(key, bytes(key), { contentType: "image/jpeg" });
    }
    await store.deletePrefix("crops/img1/");
    expect(await store.exists("crops/img1/0.jpg")).toBe(false);
    expect(await store.exists("crops/img1/1.jpg")).toBe(false);
    expect(await store.exists("crops/img1/deep/2.jpg")).toBe(false);
    expect(await store.exists("crops/img10/0.jpg")).toBe(true);
    expect(await store.exists("crops/img2/0.jpg")).toBe(true);
    await expect(store.deletePrefix("crops/nothing-here/")).resolves.toBeUndefined();
  });

  it("lists the keys under a prefix, sorted, and none for an empty prefix", async () => {
    for (const key of ["exports/2026-01-02/b.jsonl", "exports/2026-01-01/a.jsonl", "exports/2026-01-01/a.jpg", "exportsx/c.jsonl"]) {
      await store.put(key, bytes(key), { contentType: "application/octet-stream" });
    }
    expect(await store.list("exports/")).toEqual(["exports/2026-01-01/a.jpg", "exports/2026-01-01/a.jsonl", "exports/2026-01-02/b.jsonl"]);
    expect(await store.list("exports/2026-01-02/")).toEqual(["exports/2026-01-02/b.jsonl"]);
    expect(await store.list("nothing-here/")).toEqual([]);
  });
});
