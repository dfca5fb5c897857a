import { randomUUID } from "node:crypto";
import { link, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AuditOutcome, AuditReport } from "../domain/audit-report";
import { auditOutcomePath, auditReportSuffix } from "../domain/audit-report";
import type { AuditReportStore } from "../ports";

/** One pretty-printed JSON file per image in a folder (`ANALYSIS_OUTPUT_DIR`); outcomes in its sub-folders. */
export class FsAuditReportStore implements AuditReportStore {
  constructor(private readonly dir: string) {}

  async writeOnce(fileName: string, imageId: string, report: AuditReport): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    const suffix = auditReportSuffix(imageId);
    if ((await readdir(this.dir)).some((name) => name.endsWith(suffix))) return false;
    return this.linkOnce(path.join(this.dir, fileName), report);
  }

  async writeOutcomeOnce(outcome: AuditOutcome): Promise<boolean> {
    const file = path.join(this.dir, auditOutcomePath(outcome));
    await mkdir(path.dirname(file), { recursive: true });
    return this.linkOnce(file, outcome);
  }

  /**
   * Writes aside, then hard-links into place: readers never see half a file, and the link fails if another
   * delivery of the same message got there first. True when this call wrote the file.
   */
  private async linkOnce(file: string, body: object): Promise<boolean> {
    const temp = path.join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`);
    try {
      await link(temp, file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    } finally {
      await rm(temp, { force: true });
    }
  }
}
