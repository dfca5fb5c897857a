import { describe, expect, it } from "vitest";
import { parseSetMarks } from "./parse-set-marks";

describe("parseSetMarks", () => {
  it.each([
    ["G MEW EN 025/165", { setCode: "MEW", regulationMark: "G" }],
    ["F BRS 102/172", { setCode: "BRS", regulationMark: "F" }],
    ["(ED 025/165 ©", { setCode: null, regulationMark: null }],
  ])("%j → %j", (line, expected) => {
    expect(parseSetMarks(line)).toEqual(expected);
  });
});
