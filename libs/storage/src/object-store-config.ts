import { z } from "zod";
import { ConfigError } from "@poke-ventory/runtime";
import { FsObjectStore } from "./fs-object-store";
import { MinioObjectStore } from "./minio-object-store";
import type { ObjectStore } from "./object-store";

/** Where objects live: every S3_* variable set → S3/MinIO; none set → files under OBJECT_STORE_DIR. */
export const objectStoreShape = {
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  OBJECT_STORE_DIR: z.string().default("./data/objects"),
};
export type ObjectStoreConfig = z.infer<z.ZodObject<typeof objectStoreShape>>;

export type ObjectStoreSettings =
  | { kind: "s3"; endpoint: string; accessKey: string; secretKey: string; bucket: string }
  | { kind: "fs"; dir: string };

const S3_VARS = ["S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET"] as const;

/** Which store the variables name; a partial S3 set is a ConfigError naming each missing variable. */
export function objectStoreSettings(config: ObjectStoreConfig): ObjectStoreSettings {
  const missing = S3_VARS.filter((name) => !config[name]);
  if (missing.length === S3_VARS.length) return { kind: "fs", dir: config.OBJECT_STORE_DIR };
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required when any S3_* variable is set`));
  return { kind: "s3", endpoint: config.S3_ENDPOINT!, accessKey: config.S3_ACCESS_KEY!, secretKey: config.S3_SECRET_KEY!, bucket: config.S3_BUCKET! };
}

/** Opens the configured store; an S3 bucket is created on first start. */
export async function openObjectStore(config: ObjectStoreConfig): Promise<ObjectStore> {
  const settings = objectStoreSettings(config);
  if (settings.kind === "fs") return new FsObjectStore(settings.dir);
  const store = new MinioObjectStore(settings);
  await store.ensureBucket();
  return store;
}
