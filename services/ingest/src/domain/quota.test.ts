import { describe, expect, it } from "vitest";
import { AppError } from "@poke-ventory/contracts";
import { parseQuota, quotaProblem, startOfUtcDay } from "./quota";

describe("startOfUtcDay", () => {
  it.each([
    ["2026-12-04T20:15:00Z", "2026-12-04T00:00:00.000Z"],
    ["2026-12-04T00:00:00Z", "2026-12-04T00:00:00.000Z"],
    ["2026-12-31T23:59:59.999Z", "2026-12-31T00:00:00.000Z"],
    ["2026-12-05T01:30:00+03:00", "2026-12-04T00:00:00.000Z"],
  ])("%s → %s", (now, start) => expect(startOfUtcDay(new Date(now)).toISOString()).toBe(start));
});

describe("quotaProblem", () => {
  const quota = { imagesPerDay: 3, storageBytes: 1000 };
  it.each([
    ["nothing used", 0, 0, 100, null],
    ["the last image of the day", 2, 0, 100, "images_per_day:ok"],
    ["one image over the day", 3, 0, 100, "images_per_day"],
    ["exactly fills the storage", 0, 900, 100, "storage:ok"],
    ["one byte over the storage", 0, 901, 100, "storage"],
    ["day checked before storage", 3, 999, 100, "images_per_day"],
  ])("%s", (_name, images, bytes, size, expected) => {
    const problem = quotaProblem({ images_today: images, stored_bytes: bytes }, quota, size);
    if (expected === null || String(expected).endsWith(":ok")) return expect(problem).toBeNull();
    expect(problem).toBeInstanceOf(AppError);
    expect(problem?.type).toBe("QUOTA_EXCEEDED");
    expect(problem?.status).toBe(429);
    expect((problem?.details as { quota: string }).quota).toBe(expected);
  });
});

describe("parseQuota", () => {
  it.each([
    [undefined, null],
    [null, null],
    ["1000", null],
    [{ imagesPerDay: 5 }, null],
    [{ imagesPerDay: -1, storageBytes: 5 }, null],
    [{ imagesPerDay: Number.NaN, storageBytes: 5 }, null],
    [{ imagesPerDay: "5", storageBytes: 5 }, null],
    [{ imagesPerDay: 0, storageBytes: 5 }, { imagesPerDay: 0, storageBytes: 5 }],
    [{ imagesPerDay: 10, storageBytes: 1e9, extra: 1 }, { imagesPerDay: 10, storageBytes: 1e9 }],
  ])("%j → %j", (input, expected) => expect(parseQuota(input)).toEqual(expected));
});
