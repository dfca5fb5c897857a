import type { Clock } from "@poke-ventory/runtime";
import type { BatchRepository, ImageRepository, LeaseStore, ObjectStore } from "./ports";

/** Limits and lifetimes read from the configuration. */
export interface IngestSettings {
  maxUploadBytes: number;
  maxImagePixels: number;
  imageTtlSeconds: number;
}

/** Everything the use cases touch. */
export interface IngestDeps {
  batches: BatchRepository;
  images: ImageRepository;
  objects: ObjectStore;
  leases: LeaseStore;
  clock: Clock;
  settings: IngestSettings;
}
