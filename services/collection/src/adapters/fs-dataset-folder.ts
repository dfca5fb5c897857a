import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DatasetFolder } from "../assemble-ml-dataset";

/** A dataset as a folder: crops as files, `labels.jsonl` beside them. */
export class FsDatasetFolder implements DatasetFolder {
  constructor(private readonly dir: string) {}

  async writeCrop(fileName: string, bytes: Buffer): Promise<void> {
    const file = path.join(this.dir, fileName);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }

  async writeLabels(lines: string[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, "labels.jsonl"), lines.map((line) => `${line}\n`).join(""));
  }
}
