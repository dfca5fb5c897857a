import { describe, expect, it } from "vitest";
import { effectiveQuota, quotaView } from "./user-quota";

const defaults = { QUOTA_IMAGES_PER_DAY: 1000, QUOTA_STORAGE_MB: 5120 };
const MB = 1024 * 1024;

describe("effectiveQuota", () => {
  it.each([
    ["an unknown user: the defaults", null, { imagesPerDay: 1000, storageBytes: 5120 * MB }],
    ["no override", { quotaImagesPerDay: null, quotaStorageMb: null }, { imagesPerDay: 1000, storageBytes: 5120 * MB }],
    ["images overridden", { quotaImagesPerDay: 5, quotaStorageMb: null }, { imagesPerDay: 5, storageBytes: 5120 * MB }],
    ["storage overridden", { quotaImagesPerDay: null, quotaStorageMb: 1 }, { imagesPerDay: 1000, storageBytes: MB }],
    ["an override of zero blocks uploads", { quotaImagesPerDay: 0, quotaStorageMb: 0 }, { imagesPerDay: 0, storageBytes: 0 }],
  ])("%s", (_name, user, expected) => expect(effectiveQuota(user, defaults)).toEqual(expected));

  it("shows storage in MB", () => expect(quotaView({ imagesPerDay: 7, storageBytes: 3 * MB })).toEqual({ images_per_day: 7, storage_mb: 3 }));
});
