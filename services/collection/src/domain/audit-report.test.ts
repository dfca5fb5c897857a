import { describe, expect, it } from "vitest";
import { auditReportFileName } from "./audit-report";

describe("auditReportFileName", () => {
  it.each([
    { matchedAt: "2025-01-02T03:04:05.678Z", imageId: "3f1c", name: "2025-01-02T03-04-05.678Z_3f1c.json" },
    { matchedAt: "2025-01-02T03:04:05Z", imageId: "a/../b", name: "2025-01-02T03-04-05Z_a_.._b.json" },
  ])("$matchedAt, $imageId → $name", ({ matchedAt, imageId, name }) => {
    expect(auditReportFileName({ matchedAt, imageId })).toBe(name);
  });
});
