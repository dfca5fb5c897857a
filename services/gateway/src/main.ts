import { startService } from "@poke-ventory/runtime";
import { composeGateway, gatewayConfigShape, gatewayEntities, gatewayMigrations } from "./index";

startService({
  name: "gateway",
  shape: gatewayConfigShape,
  database: { entities: gatewayEntities, migrations: gatewayMigrations },
  compose: (config, shared) => composeGateway(config, { ...shared, dataSource: shared.dataSource! }),
});
