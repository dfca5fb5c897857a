import { z } from "zod";

/** collection's own variables (main.ts adds DATABASE_URL and the infrastructure ones). */
export const collectionConfigShape = {
  /** Folder of the audit reports, one JSON per analysed image. */
  ANALYSIS_OUTPUT_DIR: z.string().default("output"),
};
export type CollectionConfig = z.infer<z.ZodObject<typeof collectionConfigShape>>;
