import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@poke-ventory/contracts";
import type { CatalogCard, CatalogRecords, CatalogSet } from "../domain/catalog";
import {
  RecordError,
  parseCardRecord,
  parseSetRecord,
  parseTcgdexCardRecord,
  parseTcgdexSetRecord,
} from "../domain/normalized-catalog";
import type { CatalogSource } from "../ports";

const FILES = {
  sets: "sets.json",
  cards: "cards.jsonl",
  tcgdexSets: "tcgdex-only-sets.json",
  tcgdexCards: "tcgdex-only-cards.jsonl",
} as const;

function badFile(file: string, where: string, problem: string, details: Record<string, unknown>): AppError {
  return new AppError("VALIDATION_FAILED", `${file}${where}: ${problem}`, { file, ...details });
}

/**
 * The normalized catalog format of `shared/catalog` (see its README): `sets.json`, `cards.jsonl`, and
 * the optional `tcgdex-only-sets.json` / `tcgdex-only-cards.jsonl`.
 */
export class NormalizedCatalogSource implements CatalogSource {
  constructor(private readonly dir: string) {}

  get description(): string {
    return this.dir;
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
    const full = path.join(this.dir, file);
    try {
      return await readFile(full, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT" && !required) return null;
      throw badFile(full, "", `cannot be read (${(err as Error).message})`, {});
    }
  }

  private async readArray(file: string, parse: (raw: unknown) => CatalogSet, required: boolean): Promise<CatalogSet[]> {
    const text = await this.readText(file, required);
    if (text === null) return [];
    const full = path.join(this.dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw badFile(full, "", `is not valid JSON (${(err as Error).message})`, {});
    }
    if (!Array.isArray(raw)) throw badFile(full, "", "expected a JSON array of sets", {});
    return raw.map((item, i) => {
      try {
        return parse(item);
      } catch (err) {
        // JSON arrays have no line per record: name the entry, 1-based like a line.
        throw asFormatError(err, full, ` entry ${i + 1}`, { entry: i + 1 });
      }
    });
  }

  private async readLines(
    file: string,
    parse: (raw: unknown) => CatalogCard,
    setIds: ReadonlySet<string>,
    required: boolean,
  ): Promise<CatalogCard[]> {
    const text = await this.readText(file, required);
    if (text === null) return [];
    const full = path.join(this.dir, file);
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

function asFormatError(err: unknown, file: string, where: string, details: Record<string, unknown>): AppError {
  if (err instanceof RecordError) return badFile(file, where, err.message, { ...details, field: err.field });
  if (err instanceof SyntaxError) return badFile(file, where, `is not valid JSON (${err.message})`, details);
  return err as AppError;
}
