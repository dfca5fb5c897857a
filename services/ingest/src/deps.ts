import type { Clock } from "@poke-ventory/runtime";
import type { BatchRepository, ImageRepository, LeaseStore, ObjectStore, UploadSessionRepository, UploadTarget } from "./ports";

/** Limits and lifetimes read from the configuration. */
export interface IngestSettings {
  maxUploadBytes: number;
  maxImagePixels: number;
  imageTtlSeconds: number;
  /** How long a direct upload's URL and session live before the sweeper removes them. */
  uploadSessionTtlSeconds: number;
}

/** Everything the use cases touch. */
export interface IngestDeps {
  batches: BatchRepository;
  images: ImageRepository;
  objects: ObjectStore;
  leases: LeaseStore;
  uploads: UploadSessionRepository;
  uploadTarget: UploadTarget;
  clock: Clock;
  settings: IngestSettings;
}
