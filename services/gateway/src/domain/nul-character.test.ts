import { describe, expect, it } from "vitest";
import { findNulCharacter } from "./nul-character";

describe("findNulCharacter", () => {
  it.each([
    ["a clean body", { email: "ash@example.com", scopes: ["imports:read"], quantity: 2 }, null],
    ["nothing", undefined, null],
    ["a top-level value", { email: "a\u0000@x.io" }, "email"],
    ["an array item", { scopes: ["imports:read", "x\u0000"] }, "scopes[1]"],
    ["a nested key", { quota: { "images\u0000": 1 } }, "quota.images\u0000"],
    ["a bare string", "a\u0000", ""],
  ])("%s", (_label, params, field) => {
    expect(findNulCharacter(params)).toBe(field);
  });

  it("walks a body nested 50,000 deep without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(50_000)}"\\u0000"${"]".repeat(50_000)}`);
    expect(findNulCharacter({ deep })).toBe(`deep${"[0]".repeat(50_000)}`);
  });
});
