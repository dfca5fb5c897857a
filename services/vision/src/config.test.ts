import os from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@poke-ventory/runtime";
import { visionConfigShape } from "./config";
import { openObjectStore } from "@poke-ventory/storage";

describe("vision config", () => {
  it("has defaults sized from the machine", () => {
    expect(loadConfig(visionConfigShape, {})).toMatchObject({
      ANALYSIS_LANGUAGES: ["fra", "eng"],
      OCR_WORKERS: os.cpus().length,
      OCR_PROCESSES: Math.min(os.cpus().length, 4),
      OCR_ENGINE: "ppocr",
      OCR_FIRST: "tesseract",
      VISION_MAX_IN_FLIGHT: os.cpus().length,
      MAX_IMAGE_PIXELS: 50_000_000,
      OBJECT_STORE_DIR: "./data/objects",
    });
  });

  it("lists every bad variable at once", () => {
    const env = { ANALYSIS_LANGUAGES: "fr,de", OCR_WORKERS: "0", OCR_PROCESSES: "-1", MAX_IMAGE_PIXELS: "many", OCR_ENGINE: "paddle" };
    expect(() => loadConfig(visionConfigShape, env)).toThrow(ConfigError);
    try {
      loadConfig(visionConfigShape, env);
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(":")[0]).sort()).toEqual(["ANALYSIS_LANGUAGES", "MAX_IMAGE_PIXELS", "OCR_ENGINE", "OCR_PROCESSES", "OCR_WORKERS"]);
    }
  });

  it("a partial S3 setting names the missing variables", async () => {
    const config = loadConfig(visionConfigShape, { S3_ENDPOINT: "http://127.0.0.1:9000", S3_BUCKET: "b" });
    await expect(openObjectStore(config)).rejects.toThrow(/S3_ACCESS_KEY.*\n.*S3_SECRET_KEY/);
  });
});
