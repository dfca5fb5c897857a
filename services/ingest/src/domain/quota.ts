import { AppError, type UploadQuota, type UsageView } from "@poke-ventory/contracts";

/** Midnight UTC of the day `now` falls in: "images today" counts uploads from there. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Why one more image of `sizeBytes` would go over `quota` given what is already `used`, or null when it fits.
 * An image that exactly reaches a limit fits; the next one does not.
 */
export function quotaProblem(used: UsageView, quota: UploadQuota, sizeBytes: number): AppError | null {
  if (used.images_today + 1 > quota.imagesPerDay) {
    return new AppError("QUOTA_EXCEEDED", `The quota of ${quota.imagesPerDay} images per day is used up`, {
      quota: "images_per_day",
      limit: quota.imagesPerDay,
      used: used.images_today,
    });
  }
  if (used.stored_bytes + sizeBytes > quota.storageBytes) {
    return new AppError("QUOTA_EXCEEDED", "The storage quota would be exceeded by this image", {
      quota: "storage",
      limit_bytes: quota.storageBytes,
      used_bytes: used.stored_bytes,
      size_bytes: sizeBytes,
    });
  }
  return null;
}

/** A quota from an upload's meta, or null when absent or not two non-negative numbers (then no quota applies). */
export function parseQuota(value: unknown): UploadQuota | null {
  if (!value || typeof value !== "object") return null;
  const { imagesPerDay, storageBytes } = value as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0;
  return ok(imagesPerDay) && ok(storageBytes) ? { imagesPerDay, storageBytes } : null;
}
