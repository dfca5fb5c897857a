import { describe, expect, it } from "vitest";
import { FailureCodes, PermanentMessageError, type ImageStored } from "@poke-ventory/contracts";
import { ObjectNotFoundError } from "@poke-ventory/storage";
import { analyzeImage, type AnalyzeImageDeps } from "./analyze-image";

const message: ImageStored = {
  imageId: "img-gone",
  batchId: "b",
  userId: "u",
  objectKey: "originals/img-gone",
  contentType: "image/jpeg",
  subjectType: "cards",
  width: 0,
  height: 0,
  storedAt: new Date(0).toISOString(),
};

const depsWith = (get: (key: string) => Promise<Buffer>) =>
  ({ objects: { get }, clock: { now: () => new Date(0) }, log: () => undefined }) as unknown as AnalyzeImageDeps;

describe("analyzeImage when the original cannot be read", () => {
  it("fails for good with OBJECT_MISSING when the object is gone (never zero cards)", async () => {
    const failure = analyzeImage(depsWith(async (key) => Promise.reject(new ObjectNotFoundError(key))), message);
    await expect(failure).rejects.toBeInstanceOf(PermanentMessageError);
    await expect(failure).rejects.toMatchObject({ code: FailureCodes.objectMissing, permanent: true });
  });

  it("lets a store outage throw as it is, so the delivery is retried", async () => {
    const outage = new Error("connect ECONNREFUSED");
    await expect(analyzeImage(depsWith(async () => Promise.reject(outage)), message)).rejects.toBe(outage);
  });
});
