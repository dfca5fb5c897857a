import { AppError } from "@poke-ventory/contracts";
import type { CatalogFiles } from "../ports";

/**
 * Catalog files served over HTTP(S) under a base URL, such as the raw files of a GitHub repository
 * (`https://raw.githubusercontent.com/PokemonTCG/pokemon-tcg-data/master`). Uses the global `fetch`.
 */
export class HttpCatalogFiles implements CatalogFiles {
  private readonly base: string;

  constructor(baseUrl: string, private readonly fetchFn: typeof fetch = fetch) {
    this.base = baseUrl.replace(/\/+$/, "");
  }

  get description(): string {
    return this.base;
  }

  locate(file: string): string {
    return `${this.base}/${file}`;
  }

  async read(file: string): Promise<string | null> {
    const url = this.locate(file);
    let response: Response;
    try {
      response = await this.fetchFn(url);
    } catch (err) {
      throw new AppError("SERVICE_UNAVAILABLE", `${url}: cannot be fetched (${(err as Error).message})`, { file: url });
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new AppError("SERVICE_UNAVAILABLE", `${url}: HTTP ${response.status}`, { file: url, status: response.status });
    return response.text();
  }
}
