import { describe, expect, it } from "vitest";
import { parsePaging } from "./paging";

describe("parsePaging", () => {
  it.each([
    { input: {}, out: { page: 1, pageSize: 20, offset: 0 } },
    { input: { page: 3, pageSize: 10 }, out: { page: 3, pageSize: 10, offset: 20 } },
    { input: { page: "2", pageSize: "100" }, out: { page: 2, pageSize: 100, offset: 100 } },
    { input: { page: 1, pageSize: 1 }, out: { page: 1, pageSize: 1, offset: 0 } },
  ])("$input → $out", ({ input, out }) => {
    expect(parsePaging(input)).toEqual(out);
  });

  it.each([{ page: 0 }, { page: -1 }, { page: 1.5 }, { pageSize: 0 }, { pageSize: 101 }, { page: "x" }])("rejects %o with 422", (input) => {
    expect(() => parsePaging(input)).toThrow(expect.objectContaining({ status: 422, type: "VALIDATION_FAILED" }));
  });
});
