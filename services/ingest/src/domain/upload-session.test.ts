import { describe, expect, it } from "vitest";
import { checkUploadTerms } from "./upload-session";

const ok = { filename: "a.jpg", size: 10, contentType: "image/jpeg" };

describe("checkUploadTerms", () => {
  it.each([
    ["a JPEG", ok, null],
    ["a PNG with a sha256", { ...ok, contentType: "image/png", sha256: "A".repeat(64) }, null],
    ["no filename", { ...ok, filename: "" }, "VALIDATION_FAILED"],
    ["a huge filename", { ...ok, filename: "x".repeat(256) }, "VALIDATION_FAILED"],
    ["a zero size", { ...ok, size: 0 }, "VALIDATION_FAILED"],
    ["a fractional size", { ...ok, size: 1.5 }, "VALIDATION_FAILED"],
    ["a size as text", { ...ok, size: "10" }, "VALIDATION_FAILED"],
    ["a GIF", { ...ok, contentType: "image/gif" }, "VALIDATION_FAILED"],
    ["a short sha256", { ...ok, sha256: "abc" }, "VALIDATION_FAILED"],
    ["over the size cap", { ...ok, size: 101 }, "PAYLOAD_TOO_LARGE"],
  ])("%s", (_name, input, type) => {
    if (type === null) return expect(checkUploadTerms(input, 100)).toMatchObject({ size: input.size, contentType: input.contentType });
    expect(() => checkUploadTerms(input, 100)).toThrow(expect.objectContaining({ type }));
  });

  it("lowercases the sha256", () => expect(checkUploadTerms({ ...ok, sha256: "AB".repeat(32) }, 100).sha256).toBe("ab".repeat(32)));
});
