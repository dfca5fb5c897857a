import type { CatalogCard, CatalogRecords, CatalogSet } from "../domain/catalog";
import {
  RecordError,
  parseCardRecord,
  parseSetRecord,
  parseTcgdexCardRecord,
  parseTcgdexSetRecord,
} from "../domain/normalized-catalog";
import type { CatalogFiles, CatalogSource } from "../ports";
import { FsCatalogFiles } from "./fs-catalog-files";
import { asFormatError, badFile, parseJsonArray } from "./json-records";

const FILES = {
  sets: "sets.json",
  cards: "cards.jsonl",
  tcgdexSets: "tcgdex-only-sets.json",
  tcgdexCards: "tcgdex-only-cards.jsonl",
} as const;

/**
 * The normalized catalog format of `shared/catalog` (see its README): `sets.json`, `cards.jsonl`, and
 * the optional `tcgdex-only-sets.json` / `tcgdex-only-cards.jsonl`, in a folder or under a URL.
 */
export class NormalizedCatalogSource implements CatalogSource {
  private readonly files: CatalogFiles;

  constructor(location: string | CatalogFiles) {
    this.files = typeof location === "string" ? new FsCatalogFiles(location) : location;
  }

  get description(): string {
    return this.files.description;
  }

  async read(): Promise<CatalogRecords> {
    const sets = [
      ...(await this.readArray(FILES.sets, parseSetRecord, true)),
      ...(await this.readArray(FILES.tcgdexSets, parseTcgdexSetRecord, false)),
    ];
    const setIds = new Set(sets.map((s) => s.id));
    const cards = [
      ...(await this.readLines(FILES.cards, parseCardRecord, setIds, true)),
      ...(await this.readLines(FILES.tcgdexCards, parseTcgdexCardRecord, setIds, false)),
    ];
    return { sets, cards };
  }

  private async readText(file: string, required: boolean): Promise<string | null> {
    const text = await this.files.read(file);
    if (text === null && required) throw badFile(this.files.locate(file), "", "cannot be read (not found)", {});
    return text;
  }

  private async readArray(file: string, parse: (raw: unknown) => CatalogSet, required: boolean): Promise<CatalogSet[]> {
    const text = await this.readText(file, required);
    return text === null ? [] : parseJsonArray(text, this.files.locate(file), "sets", parse);
  }

  private async readLines(
    file: string,
    parse: (raw: unknown) => CatalogCard,
    setIds: ReadonlySet<string>,
    required: boolean,
  ): Promise<CatalogCard[]> {
    const text = await this.readText(file, required);
    if (text === null) return [];
    const full = this.files.locate(file);
    const cards: CatalogCard[] = [];
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        const card = parse(JSON.parse(line));
        if (!setIds.has(card.setId)) throw new RecordError("setId", `set "${card.setId}" is not in the catalog's sets`);
        cards.push(card);
      } catch (err) {
        throw asFormatError(err, full, `:${i + 1}`, { line: i + 1 });
      }
    });
    return cards;
  }
}
