import type { ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { systemClock, type Clock } from "@poke-ventory/runtime";
import { openObjectStore } from "@poke-ventory/storage";
import { FsAuditReportStore } from "./adapters/fs-audit-report-store";
import { TypeormCollectionRepository } from "./adapters/typeorm-collection-repository";
import { createAuditService } from "./audit.service";
import { CollectionQueries } from "./collection-queries";
import { createCollectionService } from "./collection.service";
import type { CollectionConfig } from "./config";
import { createMlExportService } from "./ml-export.service";

export interface CollectionShared {
  dataSource?: DataSource;
  natsUrl?: string;
  log?: (msg: string) => void;
  /** Tests pin time; defaults to the system clock. */
  clock?: Clock;
}

/** Builds the `collection` service and its consumers: `audit` reports and the `ml-export` examples. */
export async function composeCollection(
  config: CollectionConfig,
  shared: CollectionShared,
): Promise<{ schemas: ServiceSchema[]; close(): Promise<void> }> {
  if (!shared.dataSource) throw new Error("collection needs a DataSource (shared.dataSource)");
  const clock = shared.clock ?? systemClock;
  const repo = new TypeormCollectionRepository(shared.dataSource);
  const objects = await openObjectStore(config);
  shared.log?.(`collection: audit reports go to ${config.ANALYSIS_OUTPUT_DIR}`);
  return {
    schemas: [
      createCollectionService({ repo, queries: new CollectionQueries(repo), clock }),
      createAuditService({ reports: new FsAuditReportStore(config.ANALYSIS_OUTPUT_DIR), clock }),
      createMlExportService({ objects }),
    ],
    close: async () => {},
  };
}
