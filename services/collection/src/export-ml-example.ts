import type { DraftValidated } from "@poke-ventory/contracts";
import { ObjectNotFoundError, type ObjectStore } from "@poke-ventory/storage";
import { mlExample, mlExampleKeys } from "./domain/ml-example";

/**
 * Writes the labelled example of a validated draft under `exports/<day>/`, with a copy of its crop (crops
 * expire with their image; the dataset must not). Once per draft: a redelivery finds the example and writes
 * nothing. True when written.
 */
export async function exportMlExample(objects: ObjectStore, msg: DraftValidated): Promise<boolean> {
  const keys = mlExampleKeys(msg);
  if (await objects.exists(keys.label)) return false;
  const crop = await copyCrop(objects, msg.detected.crop_key, keys.crop);
  const line = `${JSON.stringify(mlExample(msg, crop))}\n`;
  await objects.put(keys.label, Buffer.from(line), { contentType: "application/x-ndjson" });
  return true;
}

async function copyCrop(objects: ObjectStore, source: string | null, target: string): Promise<string | null> {
  if (!source) return null;
  try {
    const bytes = await objects.get(source);
    await objects.put(target, bytes, { contentType: "image/jpeg", size: bytes.length });
    return target;
  } catch (err) {
    if (err instanceof ObjectNotFoundError) return null;
    throw err;
  }
}
