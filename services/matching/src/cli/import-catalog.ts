import { parseArgs } from "node:util";
import { openDatabase } from "@poke-ventory/db";
import { DEFAULT_NAMESPACE, createBroker } from "@poke-ventory/runtime";
import { AppError, Events } from "@poke-ventory/contracts";
import { matchingEntities, matchingMigrations } from "../index";
import { openCatalogSource } from "../adapters/open-catalog-source";
import { TypeormCatalogStore } from "../adapters/typeorm-catalog-store";
import { importCatalog, type ImportSummary } from "../import-catalog";

const USAGE = `Usage: npm run catalog:import -- <dir|url> | --source <dir|url>
Imports a catalog from a folder or an http(s) base URL, layout detected:
  - the normalized format (sets.json, cards.jsonl, tcgdex-only-*.json[l]), e.g. ../shared/catalog;
  - the pokemon-tcg-data layout (sets/en.json, cards/en/<set>.json), e.g.
    https://raw.githubusercontent.com/PokemonTCG/pokemon-tcg-data/master
Idempotent: cards and sets are upserted by id.
DATABASE_URL: postgres://… or pglite:<dir> (default pglite:./data/db, the embedded database).
NATS_URL (optional): running matching instances are told to reload the catalog.`;

function progress(): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((done / total) * 100);
    if (pct === last) return;
    last = pct;
    const bar = "#".repeat(Math.floor(pct / 4)).padEnd(25, ".");
    process.stderr.write(`\r  cards [${bar}] ${pct}% ${done}/${total}${done === total ? "\n" : ""}`);
  };
}

async function announce(natsUrl: string, summary: ImportSummary) {
  const broker = createBroker({ natsUrl, namespace: process.env.NAMESPACE || DEFAULT_NAMESPACE, nodeId: `catalog-import-${process.pid}`, logger: false });
  await broker.start();
  await broker.broadcast(Events.catalogUpdated, summary);
  await broker.stop();
}

async function main() {
  const { values, positionals } = parseArgs({ options: { source: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  const location = values.source ?? positionals[0];
  if (values.help || !location) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const url = process.env.DATABASE_URL || "pglite:./data/db";
  const started = performance.now();
  const source = await openCatalogSource(location);
  // For an embedded folder, openDatabase refuses while another process (npm start) holds it.
  const dataSource = await openDatabase({ url, entities: matchingEntities, migrations: matchingMigrations, migrationsTableName: "migrations_matching" });
  try {
    const summary = await importCatalog(source, new TypeormCatalogStore(dataSource), progress());
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const share = summary.cards ? ((summary.cardsWithFrenchName / summary.cards) * 100).toFixed(1) : "0";
    console.log(
      `Imported ${summary.sets} sets and ${summary.cards} cards (${summary.cardsWithFrenchName} with a French name, ${share} %) from ${summary.source} in ${seconds} s`,
    );
    if (process.env.NATS_URL) await announce(process.env.NATS_URL, summary);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err);
  console.error(`catalog:import failed: ${message}`);
  process.exit(1);
});
