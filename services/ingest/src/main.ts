import { startService } from "@poke-ventory/runtime";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "./index";

startService({
  name: "ingest",
  shape: ingestConfigShape,
  database: { entities: ingestEntities, migrations: ingestMigrations },
  compose: composeIngest,
});
