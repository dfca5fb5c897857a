import type { CatalogCard, CatalogRecords } from "../domain/catalog";
import { parseUpstreamCard, parseUpstreamSet } from "../domain/upstream-catalog";
import type { CatalogFiles, CatalogSource } from "../ports";
import { badFile, parseJsonArray } from "./json-records";

/** The file whose presence marks the upstream layout. */
export const UPSTREAM_SETS_FILE = "sets/en.json";
/** Card files fetched at once from a URL. */
const CONCURRENCY = 8;

/**
 * The layout of the PokemonTCG/pokemon-tcg-data repository: `sets/en.json` (an array of sets) and
 * `cards/en/<setId>.json` (an array of cards per set), in a folder or under the base URL of its raw
 * files. English names only: French names come from the normalized format.
 */
export class UpstreamCatalogSource implements CatalogSource {
  constructor(private readonly files: CatalogFiles) {}

  get description(): string {
    return `${this.files.description} (pokemon-tcg-data layout)`;
  }

  async read(): Promise<CatalogRecords> {
    const sets = parseJsonArray(await this.required(UPSTREAM_SETS_FILE), this.files.locate(UPSTREAM_SETS_FILE), "sets", parseUpstreamSet);
    const cards: CatalogCard[][] = new Array(sets.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < sets.length; i = next++) {
        const file = `cards/en/${sets[i].id}.json`;
        cards[i] = parseJsonArray(await this.required(file), this.files.locate(file), "cards", (raw) => parseUpstreamCard(raw, sets[i].id));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sets.length) }, worker));
    return { sets, cards: cards.flat() };
  }

  private async required(file: string): Promise<string> {
    const text = await this.files.read(file);
    if (text === null) throw badFile(this.files.locate(file), "", "cannot be read (not found)", {});
    return text;
  }
}
