import { loadConfig } from "@poke-ventory/runtime";
import { describe, expect, it } from "vitest";
import { ingestConfigShape } from "./config";

describe("ingest config", () => {
  it("has the documented defaults", () => {
    expect(loadConfig(ingestConfigShape, {})).toMatchObject({
      IMAGE_TTL_SECONDS: 900,
      MAX_UPLOAD_SIZE_MB: 25,
      MAX_IMAGE_PIXELS: 50_000_000,
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
