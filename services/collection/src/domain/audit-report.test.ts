import { describe, expect, it } from "vitest";
import { auditOutcomePath, auditReportFileName, type AuditOutcome } from "./audit-report";

describe("auditReportFileName", () => {
  it.each([
    { matchedAt: "2025-01-02T03:04:05.678Z", imageId: "3f1c", name: "2025-01-02T03-04-05.678Z_3f1c.json" },
    { matchedAt: "2025-01-02T03:04:05Z", imageId: "a/../b", name: "2025-01-02T03-04-05Z_a_.._b.json" },
  ])("$matchedAt, $imageId → $name", ({ matchedAt, imageId, name }) => {
    expect(auditReportFileName({ matchedAt, imageId })).toBe(name);
  });
});

describe("auditOutcomePath", () => {
  const validated = (draftId: string): AuditOutcome => ({ kind: "validated", reportedAt: "t", validation: { draftId } as never });
  const failed = (imageId: string): AuditOutcome => ({ kind: "failed", reportedAt: "t", failure: { imageId, reason: "r" } });
  it.each([
    { outcome: validated("d-1"), path: "validated/d-1.json" },
    { outcome: failed("i-1"), path: "failed/i-1.json" },
    { outcome: failed("../x"), path: "failed/.._x.json" },
  ])("$path", ({ outcome, path }) => {
    expect(auditOutcomePath(outcome)).toBe(path);
  });
});
