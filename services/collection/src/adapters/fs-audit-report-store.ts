import { randomUUID } from "node:crypto";
import { link, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AuditReport } from "../domain/audit-report";
import { auditReportSuffix } from "../domain/audit-report";
import type { AuditReportStore } from "../ports";

/** One pretty-printed JSON file per image in a folder (`ANALYSIS_OUTPUT_DIR`). */
export class FsAuditReportStore implements AuditReportStore {
  constructor(private readonly dir: string) {}

  async writeOnce(fileName: string, imageId: string, report: AuditReport): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    const suffix = auditReportSuffix(imageId);
    if ((await readdir(this.dir)).some((name) => name.endsWith(suffix))) return false;
    // Write aside, then hard-link into place: readers never see half a file, and the link fails if
    // another delivery of the same message got there first.
    const temp = path.join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(temp, `${JSON.stringify(report, null, 2)}\n`);
    try {
      await link(temp, path.join(this.dir, fileName));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    } finally {
      await rm(temp, { force: true });
    }
  }
}
