import { z } from "zod";
import { objectStoreShape } from "@poke-ventory/storage";

/** collection's own variables (main.ts adds DATABASE_URL and the infrastructure ones). */
export const collectionConfigShape = {
  /** Folder of the audit reports, one JSON per analysed image. */
  ANALYSIS_OUTPUT_DIR: z.string().default("output"),
  /** Where the ML export writes (`exports/`) and reads crops: the same store as ingest and vision. */
  ...objectStoreShape,
};
export type CollectionConfig = z.infer<z.ZodObject<typeof collectionConfigShape>>;
