import type { CatalogFiles, CatalogSource } from "../ports";
import { FsCatalogFiles } from "./fs-catalog-files";
import { HttpCatalogFiles } from "./http-catalog-files";
import { NormalizedCatalogSource } from "./normalized-catalog-source";
import { UPSTREAM_SETS_FILE, UpstreamCatalogSource } from "./upstream-catalog-source";

/**
 * The source for a `CATALOG_SOURCE` / `--source` location, a folder or an http(s) base URL, with its
 * layout detected: `sets/en.json` present means the upstream pokemon-tcg-data layout, otherwise the
 * normalized format (`sets.json`, `cards.jsonl`…).
 */
export async function openCatalogSource(location: string, fetchFn: typeof fetch = fetch): Promise<CatalogSource> {
  const files: CatalogFiles = /^https?:\/\//i.test(location) ? new HttpCatalogFiles(location, fetchFn) : new FsCatalogFiles(location);
  const upstream = await files.read(UPSTREAM_SETS_FILE);
  return upstream === null ? new NormalizedCatalogSource(files) : new UpstreamCatalogSource(new PrefetchedFiles(files, UPSTREAM_SETS_FILE, upstream));
}

/** Serves one already fetched file from memory, so detection does not download it twice. */
class PrefetchedFiles implements CatalogFiles {
  constructor(
    private readonly files: CatalogFiles,
    private readonly file: string,
    private readonly text: string,
  ) {}
  get description(): string {
    return this.files.description;
  }
  locate(file: string): string {
    return this.files.locate(file);
  }
  read(file: string): Promise<string | null> {
    return file === this.file ? Promise.resolve(this.text) : this.files.read(file);
  }
}
