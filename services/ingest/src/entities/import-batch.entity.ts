import { EntitySchema } from "typeorm";
import type { BatchRecord } from "../records";

export const ImportBatchEntity = new EntitySchema<BatchRecord>({
  name: "ImportBatch",
  tableName: "import_batches",
  columns: {
    id: { type: "uuid", primary: true },
    userId: { type: "text", name: "user_id" },
    subjectType: { type: "text", name: "subject_type" },
    createdAt: { type: "timestamptz", name: "created_at" },
  },
});
