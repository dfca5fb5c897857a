import { describe, expect, it } from "vitest";
import { signUpload, uploadContentPath, verifyUploadSignature } from "./upload-signature";

const secret = "s".repeat(40);
const terms = { id: "0b1c6a8e-7f1d-4a3e-9c3b-2d1e0f9a8b7c", expires: 1_800_000_000, size: 1234, contentType: "image/jpeg" };

describe("upload URL signature", () => {
  const good = signUpload(secret, terms);
  it.each([
    ["the same terms", terms, good, true],
    ["another session", { ...terms, id: "0b1c6a8e-7f1d-4a3e-9c3b-2d1e0f9a8b7d" }, good, false],
    ["a later expiry", { ...terms, expires: terms.expires + 1 }, good, false],
    ["another size", { ...terms, size: 1235 }, good, false],
    ["another type", { ...terms, contentType: "image/png" }, good, false],
    ["a flipped signature character", terms, (good[0] === "A" ? "B" : "A") + good.slice(1), false],
    ["a truncated signature", terms, good.slice(0, -1), false],
    ["an empty signature", terms, "", false],
  ])("%s", (_name, checked, signature, ok) => expect(verifyUploadSignature(secret, checked, signature)).toBe(ok));

  it("depends on the secret", () => expect(verifyUploadSignature("t".repeat(40), terms, good)).toBe(false));

  it("puts the expiry and signature in the path's query", () => {
    const url = new URL(uploadContentPath(secret, terms), "http://x");
    expect(url.pathname).toBe(`/imports/uploads/${terms.id}/content`);
    expect(url.searchParams.get("expires")).toBe(String(terms.expires));
    expect(verifyUploadSignature(secret, terms, url.searchParams.get("signature") ?? "")).toBe(true);
  });
});
