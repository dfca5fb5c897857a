import { describe, expect, it } from "vitest";
import { MAX_FILENAME_LENGTH, originalFilename } from "./original-filename";

describe("originalFilename", () => {
  it.each([
    ["card.jpg", "card.jpg"],
    ["../../../../tmp/evil.jpg", "evil.jpg"],
    ["..\\..\\windows\\evil.jpg", "evil.jpg"],
    ["nul\u0000x.jpg", "nulx.jpg"],
    ["a\r\nb.jpg", "ab.jpg"],
    ["invoice\u202egpj.exe", "invoicegpj.exe"],
    ["photo\u0085\u001b.webp", "photo.webp"],
    ["  carte de Pikachu é.png ", "carte de Pikachu é.png"],
    ["../", null],
    ["\u0000", null],
    ["", null],
    [null, null],
  ])("%j → %j", (name, kept) => {
    expect(originalFilename(name)).toBe(kept);
  });

  it("cuts a long name to the limit, keeping its extension", () => {
    const kept = originalFilename(`${"n".repeat(10_000)}.jpeg`)!;
    expect(kept).toHaveLength(MAX_FILENAME_LENGTH);
    expect(kept.endsWith("n.jpeg")).toBe(true);
  });
});
