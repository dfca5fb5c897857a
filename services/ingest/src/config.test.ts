import { loadConfig } from "@poke-ventory/runtime";
import { describe, expect, it } from "vitest";
import { ingestConfigShape, objectStoreSettings } from "./config";

const s3 = { S3_ENDPOINT: "http://127.0.0.1:9000", S3_ACCESS_KEY: "a", S3_SECRET_KEY: "s", S3_BUCKET: "b" };

describe("ingest config", () => {
  it("has the documented defaults", () => {
    expect(loadConfig(ingestConfigShape, {})).toMatchObject({
      IMAGE_TTL_SECONDS: 900,
      MAX_UPLOAD_SIZE_MB: 25,
      MAX_IMAGE_PIXELS: 60_000_000,
      SWEEP_INTERVAL_SECONDS: 30,
      OBJECT_STORE_DIR: "./data/objects",
    });
  });

  it("lists every bad variable at once", () => {
    expect(() => loadConfig(ingestConfigShape, { IMAGE_TTL_SECONDS: "0", MAX_UPLOAD_SIZE_MB: "lots" })).toThrow(
      /IMAGE_TTL_SECONDS[\s\S]*MAX_UPLOAD_SIZE_MB/,
    );
  });
});

describe("objectStoreSettings", () => {
  it.each([
    ["no S3 variable → filesystem", {}, { kind: "fs", dir: "./data/objects" }],
    ["every S3 variable → s3", s3, { kind: "s3", endpoint: s3.S3_ENDPOINT, accessKey: "a", secretKey: "s", bucket: "b" }],
  ])("%s", (_name, vars, expected) => {
    expect(objectStoreSettings(loadConfig(ingestConfigShape, vars))).toEqual(expected);
  });

  it("names each missing variable of a partial S3 set", () => {
    const config = loadConfig(ingestConfigShape, { S3_ENDPOINT: s3.S3_ENDPOINT, S3_BUCKET: "b" });
    expect(() => objectStoreSettings(config)).toThrow(/S3_ACCESS_KEY[\s\S]*S3_SECRET_KEY/);
  });
});
