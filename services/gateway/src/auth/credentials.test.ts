import { describe, expect, it } from "vitest";
import { checkCredentials } from "./credentials";

describe("checkCredentials", () => {
  it("normalizes the email", () => {
    expect(checkCredentials({ email: "  Ash@Example.COM ", password: "pikachu123" })).toEqual({ email: "ash@example.com", password: "pikachu123" });
  });

  it.each([
    [{ email: "nope", password: "pikachu123" }, ["email"]],
    [{ email: "ash@example.com", password: "short" }, ["password"]],
    [{}, ["email", "password"]],
    [{ email: 42, password: ["x"] }, ["email", "password"]],
  ])("%j is rejected naming %j", (input, fields) => {
    try {
      checkCredentials(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ type: "VALIDATION_FAILED", status: 422 });
      expect((err as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(fields);
    }
  });
});

describe("checkCredentials on hostile input", () => {
  it("refuses a 16,000-character email of dots in under 20 ms (length before the pattern)", () => {
    const email = "a@" + ".".repeat(16_000) + "@";
    const started = performance.now();
    expect(() => checkCredentials({ email, password: "pikachu123" })).toThrow(expect.objectContaining({ type: "VALIDATION_FAILED" }));
    expect(performance.now() - started).toBeLessThan(20);
  });
});
