import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { readLimited } from "./read-limited";

const chunks = (...sizes: number[]) => Readable.from(sizes.map((n, i) => Buffer.alloc(n, i + 1)));

describe("readLimited", () => {
  it.each([
    ["one chunk under the cap", [10], 10, 10],
    ["several chunks exactly at the cap", [4, 4, 2], 10, 10],
    ["empty stream", [], 10, 0],
  ])("reads %s", async (_name, sizes, max, expected) => {
    const buf = await readLimited(chunks(...sizes), max);
    expect(buf.length).toBe(expected);
  });

  it("rejects one byte over the cap with PAYLOAD_TOO_LARGE and drains the rest", async () => {
    const stream = chunks(6, 5, 100);
    await expect(readLimited(stream, 10)).rejects.toMatchObject({ type: "PAYLOAD_TOO_LARGE", status: 413 });
    await finished(stream);
    expect(stream.readableEnded).toBe(true);
  });

  it("turns a broken stream into VALIDATION_FAILED", async () => {
    const stream = new Readable({ read() {} });
    const result = readLimited(stream, 100);
    stream.push(Buffer.from("abc"));
    stream.destroy(new Error("socket hang up"));
    await expect(result).rejects.toMatchObject({ type: "VALIDATION_FAILED" });
  });

  it("rejects at once a stream destroyed before it is read, with or without an error (no event would come)", async () => {
    for (const err of [new Error("Unexpected end of form"), undefined]) {
      const stream = new Readable({ read() {} });
      stream.on("error", () => undefined);
      stream.push(Buffer.from("abc"));
      stream.destroy(err);
      await new Promise((r) => setImmediate(r));
      await expect(readLimited(stream, 100)).rejects.toMatchObject({ type: "VALIDATION_FAILED", message: "The upload was interrupted" });
    }
  });

  it("rejects a stream destroyed without an error while it is read", async () => {
    const stream = new Readable({ read() {} });
    const result = readLimited(stream, 100);
    stream.push(Buffer.from("abc"));
    stream.destroy();
    await expect(result).rejects.toMatchObject({ type: "VALIDATION_FAILED" });
  });
});
