import { describe, expect, it } from "vitest";
import { loadConfig } from "@poke-ventory/runtime";
import { objectStoreSettings, objectStoreShape } from "./object-store-config";

const s3 = { S3_ENDPOINT: "http://127.0.0.1:9000", S3_ACCESS_KEY: "a", S3_SECRET_KEY: "s", S3_BUCKET: "b" };

describe("objectStoreSettings", () => {
  it.each([
    ["no S3 variable → filesystem", {}, { kind: "fs", dir: "./data/objects" }],
    ["OBJECT_STORE_DIR → that folder", { OBJECT_STORE_DIR: "/var/pv" }, { kind: "fs", dir: "/var/pv" }],
    ["every S3 variable → s3", s3, { kind: "s3", endpoint: s3.S3_ENDPOINT, accessKey: "a", secretKey: "s", bucket: "b" }],
  ])("%s", (_name, vars, expected) => {
    expect(objectStoreSettings(loadConfig(objectStoreShape, vars))).toEqual(expected);
  });

  it("names each missing variable of a partial S3 set", () => {
    const config = loadConfig(objectStoreShape, { S3_ENDPOINT: s3.S3_ENDPOINT, S3_BUCKET: "b" });
    expect(() => objectStoreSettings(config)).toThrow(/S3_ACCESS_KEY[\s\S]*S3_SECRET_KEY/);
  });
});
