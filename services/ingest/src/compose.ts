import type { ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { AppError } from "@poke-ventory/contracts";
import { pingDatabase } from "@poke-ventory/db";
import { systemClock, type Clock } from "@poke-ventory/runtime";
import { MinioObjectStore, objectStoreSettings, openObjectStore } from "@poke-ventory/storage";
import { HmacUploadTarget } from "./adapters/hmac-upload-target";
import { S3UploadTarget } from "./adapters/s3-upload-target";
import { TypeormUploadSessionRepository } from "./adapters/typeorm-upload-session-repository";
import { MemoryLeaseStore } from "./adapters/memory-lease-store";
import { RedisLeaseStore } from "./adapters/redis-lease-store";
import { TypeormBatchRepository } from "./adapters/typeorm-batch-repository";
import { TypeormImageRepository } from "./adapters/typeorm-image-repository";
import type { IngestConfig } from "./config";
import { imageLeaseKey } from "./domain/object-keys";
import type { IngestDeps } from "./deps";
import { maxUploadBytes } from "./domain/upload-limits";
import { ImageSweeper } from "./image-sweeper";
import { createIngestService } from "./ingest.service";
import type { LeaseStore, UploadTarget } from "./ports";
import { sweepAbandonedUploads } from "./sweep-abandoned-uploads";
import { sweepExpiredImages } from "./sweep-expired-images";

export interface IngestShared {
  dataSource?: DataSource;
  natsUrl?: string;
  log?: (msg: string) => void;
  /** Test hook: the time source of leases and expiry. */
  clock?: Clock;
}

/** Builds ingest's adapters from its config and returns its service schema. */
export async function composeIngest(config: IngestConfig, shared: IngestShared): Promise<{ schemas: ServiceSchema[]; close(): Promise<void> }> {
  const { dataSource } = shared;
  if (!dataSource) throw new Error("ingest needs a DataSource (it owns import_batches and analysis_images)");
  const clock = shared.clock ?? systemClock;
  const log = shared.log ?? (() => undefined);

  const objects = await openObjectStore(config);
  const leases: LeaseStore = config.REDIS_URL ? new RedisLeaseStore(config.REDIS_URL, { onError: (err) => log(`redis: ${err.message}`) }) : new MemoryLeaseStore(clock);
  const uploadTarget = objects instanceof MinioObjectStore ? new S3UploadTarget(presigner(config, objects), clock) : hmacTarget(config.UPLOAD_SIGNING_SECRET, log);
  const deps: IngestDeps = {
    batches: new TypeormBatchRepository(dataSource),
    images: new TypeormImageRepository(dataSource),
    objects,
    leases,
    uploads: new TypeormUploadSessionRepository(dataSource),
    uploadTarget,
    clock,
    settings: {
      maxUploadBytes: maxUploadBytes(config.MAX_UPLOAD_SIZE_MB),
      maxImagePixels: config.MAX_IMAGE_PIXELS,
      imageTtlSeconds: config.IMAGE_TTL_SECONDS,
      uploadSessionTtlSeconds: config.UPLOAD_SESSION_TTL_SECONDS,
    },
  };
  if (leases instanceof MemoryLeaseStore) await restoreLeases(deps);
  const sweeper = new ImageSweeper(async () => (await sweepExpiredImages(deps)) + (await sweepAbandonedUploads(deps)), config.SWEEP_INTERVAL_SECONDS * 1000, log);
  const probes = {
    database: () => pingDatabase(dataSource),
    leases: () => leases.ping(),
    objects: () => objects.ping(),
  };
  return {
    // Without NATS the channels live in this process and died with the last one; JetStream keeps its own.
    schemas: [createIngestService({ deps, sweeper, probes, requeueOnStart: !shared.natsUrl })],
    close: async () => {
      await sweeper.stop();
      await leases.close();
    },
  };
}

/**
 * In-memory leases die with the process: after a restart, give every unexpired image the lease it still
 * had (from `expires_at`), so a restart never turns live images into expired ones.
 */
async function restoreLeases(deps: IngestDeps): Promise<void> {
  const now = deps.clock.now().getTime();
  for (const image of await deps.images.listUnexpired(new Date(now))) {
    await deps.leases.grant(imageLeaseKey(image.id), Math.max(1, Math.ceil((image.expiresAt.getTime() - now) / 1000)));
  }
}

/** Without a key, direct uploads on the filesystem store answer 503 (multipart uploads work as before). */
function hmacTarget(secret: string | undefined, log: (msg: string) => void): UploadTarget {
  if (secret) return new HmacUploadTarget(secret);
  log("UPLOAD_SIGNING_SECRET is not set: direct uploads (POST /imports/uploads) are off with the filesystem store");
  const off = () => {
    throw new AppError("SERVICE_UNAVAILABLE", "Direct uploads are not configured (UPLOAD_SIGNING_SECRET)");
  };
  return { viaIngest: true, prepare: async () => off(), verify: () => false };
}

/** The store that presigns upload URLs: the same bucket and keys, at the endpoint clients reach (`S3_PUBLIC_ENDPOINT`). */
function presigner(config: IngestConfig, objects: MinioObjectStore): MinioObjectStore {
  const settings = objectStoreSettings(config);
  if (!config.S3_PUBLIC_ENDPOINT || settings.kind !== "s3") return objects;
  return new MinioObjectStore({ ...settings, endpoint: config.S3_PUBLIC_ENDPOINT });
}
