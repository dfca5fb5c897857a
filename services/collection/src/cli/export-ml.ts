import { parseArgs } from "node:util";
import { loadConfig } from "@poke-ventory/runtime";
import { objectStoreShape, openObjectStore } from "@poke-ventory/storage";
import { FsDatasetFolder } from "../adapters/fs-dataset-folder";
import { assembleMlDataset } from "../assemble-ml-dataset";

const USAGE = `Usage: npm run export:ml -- --out DIR [--since YYYY-MM-DD]
Assembles the labelled examples of validated cards (exports/<day>/ in object storage) into DIR:
crops/<draft id>.jpg and labels.jsonl (features read, candidates proposed, card chosen, language).
Object storage: S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET, or OBJECT_STORE_DIR (default ./data/objects).`;

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" }, since: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help || !values.out || (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since))) {
    console.log(values.help || !values.out ? USAGE : `--since must be a date, YYYY-MM-DD (got "${values.since}")\n\n${USAGE}`);
    process.exit(values.help ? 0 : 2);
  }
  const objects = await openObjectStore(loadConfig(objectStoreShape));
  const { examples, crops } = await assembleMlDataset(objects, new FsDatasetFolder(values.out), values.since);
  console.log(`${examples} examples (${crops} with their crop) written to ${values.out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
