import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@poke-ventory/contracts";
import type { CatalogFiles } from "../ports";

/** Catalog files in a local folder. */
export class FsCatalogFiles implements CatalogFiles {
  constructor(private readonly dir: string) {}

  get description(): string {
    return this.dir;
  }

  locate(file: string): string {
    return path.join(this.dir, file);
  }

  async read(file: string): Promise<string | null> {
    try {
      return await readFile(this.locate(file), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new AppError("VALIDATION_FAILED", `${this.locate(file)}: cannot be read (${(err as Error).message})`, { file: this.locate(file) });
    }
  }
}
