import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@poke-ventory/db";
import { catalogDir, createTestDatabase, tempDir } from "@poke-ventory/testing";
import { TypeormCatalogStore, importCatalog, matchingEntities, matchingMigrations, openCatalogSource } from "../src/index";

type Json = Record<string, unknown>;
const SETS = ["sv8", "swsh12pt5gg", "base1"];

/** A few sets of ../shared/catalog written back in the upstream pokemon-tcg-data layout. */
function writeUpstream(dir: string): { sets: Json[]; cards: Record<string, Json[]> } {
  const sets = (JSON.parse(readFileSync(path.join(catalogDir, "sets.json"), "utf8")) as Json[])
    .filter((s) => SETS.includes(s.id as string))
    .map((s) => ({ id: s.id, name: s.name, series: s.series, printedTotal: s.printedTotal, total: s.total, releaseDate: String(s.releaseDate).replace(/-/g, "/"), ptcgoCode: s.ptcgoCode, images: { symbol: "https://images.example/s.png" } }));
  const cards: Record<string, Json[]> = Object.fromEntries(SETS.map((id) => [id, []]));
  for (const line of readFileSync(path.join(catalogDir, "cards.jsonl"), "utf8").split("\n")) {
    if (!line) continue;
    const c = JSON.parse(line) as Json;
    if (!SETS.includes(c.setId as string)) continue;
    cards[c.setId as string].push({
      id: c.id, name: c.name, supertype: c.supertype, subtypes: c.subtypes, hp: c.hp === null ? undefined : String(c.hp), types: c.types, number: c.number,
      artist: c.artist, rarity: c.rarity, regulationMark: c.regulationMark ?? undefined, nationalPokedexNumbers: c.nationalPokedexNumbers, images: { small: c.imageSmall, large: c.imageLarge },
    });
  }
  mkdirSync(path.join(dir, "sets"), { recursive: true });
  mkdirSync(path.join(dir, "cards/en"), { recursive: true });
  writeFileSync(path.join(dir, "sets/en.json"), JSON.stringify(sets));
  for (const [id, list] of Object.entries(cards)) writeFileSync(path.join(dir, `cards/en/${id}.json`), JSON.stringify(list));
  return { sets, cards };
}

/** Serves a folder over loopback HTTP; `overrides` replace some paths' bodies (`null` = 404). */
function serve(dir: string, overrides: Record<string, string | null> = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    const body = file in overrides ? overrides[file] : (() => { try { return readFileSync(path.join(dir, file), "utf8"); } catch { return null; } })();
    res.writeHead(body === null ? 404 : 200, { "content-type": "application/json" }).end(body ?? "Not Found");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })));
}

describe("catalog import from the upstream pokemon-tcg-data layout", () => {
  const tmp = tempDir("pv-upstream-");
  let written: ReturnType<typeof writeUpstream>;
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  const servers: Server[] = [];
  const cardCount = () => Object.values(written.cards).reduce((n, l) => n + l.length, 0);

  beforeAll(async () => {
    written = writeUpstream(tmp.dir);
    db = await createTestDatabase("pv_matching_up");
    ds = await openDatabase({ url: db.url, entities: matchingEntities, migrations: matchingMigrations, migrationsTableName: "migrations_matching" });
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await ds?.destroy();
    await db?.drop();
    tmp.remove();
  });

  it("detects the layout in a folder and imports it idempotently", async () => {
    const store = new TypeormCatalogStore(ds);
    const first = await importCatalog(await openCatalogSource(tmp.dir), store);
    const second = await importCatalog(await openCatalogSource(tmp.dir), store);
    expect(first).toMatchObject({ sets: 3, cards: cardCount(), cardsWithFrenchName: 0 });
    expect(first.source).toContain("pokemon-tcg-data");
    expect(second).toEqual(first);
    expect(await store.counts()).toEqual({ sets: 3, cards: cardCount() });
    const [card] = await ds.query(`SELECT set_id, number, name_en, hp, image_large, regulation_mark FROM cards WHERE id = 'sv8-248'`);
    expect(card).toEqual({ set_id: "sv8", number: "248", name_en: "Alolan Exeggutor ex", hp: 300, image_large: "https://images.pokemontcg.io/sv8/248_hires.png", regulation_mark: "H" });
    const [set] = await ds.query(`SELECT release_date::text AS release_date, printed_total, ptcgo_code FROM sets WHERE id = 'sv8'`);
    expect(set).toEqual({ release_date: "2024-11-08", printed_total: 191, ptcgo_code: "SSP" });
  });

  it("reads the same records from the base URL of the raw files", async () => {
    const { url, server } = await serve(tmp.dir);
    servers.push(server);
    const fromUrl = await (await openCatalogSource(url)).read();
    const fromDir = await (await openCatalogSource(tmp.dir)).read();
    expect(fromUrl.sets.length).toBe(3);
    expect(fromUrl.cards.length).toBe(cardCount());
    expect(fromUrl).toEqual(fromDir);
  });

  it("reads the normalized format from a URL too", async () => {
    const { url, server } = await serve(path.dirname(path.join(catalogDir, "sets.json")), { "cards.jsonl": readFileSync(path.join(catalogDir, "cards.jsonl"), "utf8").split("\n").slice(0, 3).join("\n"), "tcgdex-only-cards.jsonl": "" });
    servers.push(server);
    const records = await (await openCatalogSource(url)).read();
    expect(records.sets.length).toBe(205);
    expect(records.cards.map((c) => c.id)).toEqual(["base1-1", "base1-2", "base1-3"]);
  });

  it.each([
    ["a missing card file", { "cards/en/sv8.json": null }, /cards\/en\/sv8\.json: cannot be read \(not found\)/, {}],
    ["bad JSON", { "cards/en/base1.json": "[{" }, /cards\/en\/base1\.json: is not valid JSON/, {}],
    ["a bad field", { "cards/en/base1.json": JSON.stringify([{ id: "base1-1", name: "Alakazam", number: "1", hp: "eighty" }]) }, /cards\/en\/base1\.json entry 1: field "hp"/, { entry: 1, field: "hp" }],
    ["a bad release date", { "sets/en.json": JSON.stringify([{ id: "sv8", name: "Surging Sparks", releaseDate: "08.11.2024" }]) }, /sets\/en\.json entry 1: field "releaseDate"/, { field: "releaseDate" }],
  ])("names the file, entry and field for %s over HTTP", async (_label, overrides, message, details) => {
    const { url, server } = await serve(tmp.dir, overrides);
    servers.push(server);
    const err = await (await openCatalogSource(url)).read().then(() => null, (e: unknown) => e as { type: string; message: string; details: object });
    expect(err?.type).toBe("VALIDATION_FAILED");
    expect(err?.message).toMatch(message);
    expect(err?.details).toMatchObject(details);
  });

  it("says so when the URL serves no catalog", async () => {
    const { url, server } = await serve(tmp.dir, { "sets/en.json": null });
    servers.push(server);
    await expect((await openCatalogSource(url)).read()).rejects.toThrow(/sets\.json: cannot be read \(not found\)/);
  });
});
