import { startService } from "@poke-ventory/runtime";
import { collectionConfigShape, collectionEntities, collectionMigrations, composeCollection } from "./index";

startService({
  name: "collection",
  shape: collectionConfigShape,
  database: { entities: collectionEntities, migrations: collectionMigrations },
  compose: composeCollection,
});
