import { AppError } from "@poke-ventory/contracts";
import { RecordError } from "../domain/normalized-catalog";

/** A catalog file is bad: names the file, where in it (`:12`, ` entry 3`) and the field. */
export function badFile(file: string, where: string, problem: string, details: Record<string, unknown>): AppError {
  return new AppError("VALIDATION_FAILED", `${file}${where}: ${problem}`, { file, ...details });
}

/** A record's error as a file error: a `RecordError` keeps its field, a `SyntaxError` is bad JSON. */
export function asFormatError(err: unknown, file: string, where: string, details: Record<string, unknown>): AppError {
  if (err instanceof RecordError) return badFile(file, where, err.message, { ...details, field: err.field });
  if (err instanceof SyntaxError) return badFile(file, where, `is not valid JSON (${err.message})`, details);
  return err as AppError;
}

/** Parses a file holding a JSON array, each entry through `parse`; errors name the entry, 1-based. */
export function parseJsonArray<T>(text: string, file: string, what: string, parse: (raw: unknown) => T): T[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw badFile(file, "", `is not valid JSON (${(err as Error).message})`, {});
  }
  if (!Array.isArray(raw)) throw badFile(file, "", `expected a JSON array of ${what}`, {});
  return raw.map((item, i) => {
    try {
      return parse(item);
    } catch (err) {
      // JSON arrays have no line per record: name the entry, 1-based like a line.
      throw asFormatError(err, file, ` entry ${i + 1}`, { entry: i + 1 });
    }
  });
}
