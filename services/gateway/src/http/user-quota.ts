import type { UploadQuota } from "@poke-ventory/contracts";
import type { GatewayConfig } from "../config";
import type { UserRow } from "../entities/user.entity";

const MB = 1024 * 1024;

/** A user's upload limits: an admin's override where set (non-null), else the configured defaults. */
export function effectiveQuota(
  user: Pick<UserRow, "quotaImagesPerDay" | "quotaStorageMb"> | null,
  defaults: Pick<GatewayConfig, "QUOTA_IMAGES_PER_DAY" | "QUOTA_STORAGE_MB">,
): UploadQuota {
  return {
    imagesPerDay: user?.quotaImagesPerDay ?? defaults.QUOTA_IMAGES_PER_DAY,
    storageBytes: (user?.quotaStorageMb ?? defaults.QUOTA_STORAGE_MB) * MB,
  };
}

/** The quota as `GET /me/usage` shows it. */
export const quotaView = (quota: UploadQuota) => ({ images_per_day: quota.imagesPerDay, storage_mb: quota.storageBytes / MB });
