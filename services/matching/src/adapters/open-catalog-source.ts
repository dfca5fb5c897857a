import { AppError } from "@poke-ventory/contracts";
import type { CatalogSource } from "../ports";
import { NormalizedCatalogSource } from "./normalized-catalog-source";

/** The source for a `CATALOG_SOURCE` / `--source` location: a folder in the normalized format. */
export function openCatalogSource(location: string): CatalogSource {
  if (/^https?:\/\//.test(location)) {
    throw new AppError("VALIDATION_FAILED", `Catalog source ${location}: URL sources are not supported yet, download the folder and pass its path`);
  }
  return new NormalizedCatalogSource(location);
}
