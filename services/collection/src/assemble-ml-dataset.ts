import type { ObjectStore } from "@poke-ventory/storage";
import { mlExportDay, type MlExample } from "./domain/ml-example";

/** Where a dataset is assembled (a folder on disk for the CLI). */
export interface DatasetFolder {
  writeCrop(fileName: string, bytes: Buffer): Promise<void>;
  /** Writes `labels.jsonl`, one example per line. */
  writeLabels(lines: string[]): Promise<void>;
}

/** A line of `labels.jsonl`: the example, with its crop as a file of the dataset. */
export type DatasetLabel = Omit<MlExample, "crop_key"> & { crop_file: string | null };

/**
 * Gathers the labelled examples exported under `exports/` (from day `since`, `YYYY-MM-DD`, on) into a dataset:
 * `crops/<draftId>.jpg` and `labels.jsonl`, in validation order.
 */
export async function assembleMlDataset(objects: ObjectStore, folder: DatasetFolder, since?: string): Promise<{ examples: number; crops: number }> {
  const keys = (await objects.list("exports/")).filter((key) => {
    const day = mlExportDay(key);
    return day !== null && key.endsWith(".jsonl") && (!since || day >= since);
  });
  const examples: MlExample[] = [];
  for (const key of keys) {
    const text = (await objects.get(key)).toString("utf8");
    for (const line of text.split("\n")) if (line.trim()) examples.push(JSON.parse(line) as MlExample);
  }
  examples.sort((a, b) => a.validated_at.localeCompare(b.validated_at) || a.draft_id.localeCompare(b.draft_id));

  let crops = 0;
  const labels: string[] = [];
  for (const { crop_key, ...example } of examples) {
    let cropFile: string | null = null;
    if (crop_key && (await objects.exists(crop_key))) {
      cropFile = `crops/${crop_key.split("/").pop()}`;
      await folder.writeCrop(cropFile, await objects.get(crop_key));
      crops++;
    }
    labels.push(JSON.stringify({ ...example, crop_file: cropFile } satisfies DatasetLabel));
  }
  await folder.writeLabels(labels);
  return { examples: labels.length, crops };
}
