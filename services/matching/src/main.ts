import { startService } from "@poke-ventory/runtime";
import { composeMatching, matchingConfigShape, matchingEntities, matchingMigrations } from "./index";

startService({
  name: "matching",
  shape: matchingConfigShape,
  database: { entities: matchingEntities, migrations: matchingMigrations },
  compose: composeMatching,
});
