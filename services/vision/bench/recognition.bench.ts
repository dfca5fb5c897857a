/**
 * `npm run bench:recognition -- --images DIR [--labels FILE] [--catalog DIR] [--out FILE] [--limit N] [--only REGEX]
 *   [--split A|B] [--kinds scan,photo,binder] [--rotate 0|90|180|270] [--workers N] [--native-zones N] [--crops DIR]
 *   [--no-catalog-check] [--ocr tesseract|ppocr|both] [--ocr-first tesseract|ppocr] [--ocr-processes N]`
 *
 * Runs vision (decode, detect, read) and matching (ranking against the whole catalog, in memory) in-process on
 * every labelled image of a folder, then prints and writes per kind: images, cards expected/found, top-1, top-5,
 * confident-wrong (top score ≥ ANALYSIS_CONFIDENCE_THRESHOLD, default 0.82, and wrong), proposed-right (the same, and
 * right: the cards the collector need not pick), per-image timings, and
 * `ocr_vs_native` (the same zone crops read by the `tesseract` CLI, as a time ratio; null without the CLI).
 * The failure list (file, expected, got) follows the table. `--split A|B` keeps one half of a fixed, card-disjoint
 * split of the labelled images ({@link splitHalves}): fit on A, check on B. Vision asks the catalog about the numbers it reads, as the
 * service asks matching ({@link rankingCatalog}); `--no-catalog-check` reads every card as vision alone would.
 * `--ocr` picks the OCR engine as `OCR_ENGINE` does (`both`: `--ocr-first`, then the other where the catalog does not
 * confirm), `--ocr-processes` sets PP-OCR's processes as `OCR_PROCESSES` does (0: in this process), and `ocr` in the
 * report gives what it read: cards whose number / name was read right, ms per card, CPU per card and peak RSS (the
 * OCR processes' included).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { DEFAULT_CONFIDENCE_THRESHOLD, type CardFeatures, type ImageStored } from "@poke-ventory/contracts";
import { CatalogIndex, openCatalogSource, rankCandidates } from "@poke-ventory/matching";
import { systemClock } from "@poke-ventory/runtime";
import { FsObjectStore, type ObjectStore } from "@poke-ventory/storage";
import { catalogDir } from "@poke-ventory/testing";
import { z } from "zod";
import { analyzeImage, OpencvCardDetector, rankingCatalog, SharpImageCodec, visionConfigShape, type AnalyzeImageDeps } from "../src/index";
import { startOcrEngines } from "../src/ocr-engines";
import { engineFigures } from "./engine-figures";
import { tesseractLanguages } from "../src/domain/tesseract-languages";
import { readLabels, type ExpectedCard, type LabelledImage } from "./bench-labels";
import { splitHalves } from "./bench-split";
import { kindFigures, percentile, scoreImage, type FoundCard, type ImageOutcome } from "./bench-score";
import { nativeTesseractAvailable, ocrVsNative, RecordingOcrEngine } from "./native-ocr";

const USAGE = `usage: npm run bench:recognition -- --images DIR [--labels FILE] [--catalog DIR] [--out FILE] [--limit N]
  [--only REGEX] [--split A|B] [--kinds scan,photo,binder] [--rotate 0|90|180|270] [--workers N] [--native-zones N] [--crops DIR]
  [--no-catalog-check] [--ocr tesseract|ppocr|both] [--ocr-first tesseract|ppocr] [--ocr-processes N]`;

const OPTIONS = {
  images: { type: "string" },
  labels: { type: "string" },
  catalog: { type: "string", default: catalogDir },
  out: { type: "string" },
  limit: { type: "string" },
  only: { type: "string" },
  split: { type: "string" },
  kinds: { type: "string" },
  rotate: { type: "string", default: "0" },
  workers: { type: "string", default: String(Math.max(1, os.cpus().length)) },
  "native-zones": { type: "string", default: "40" },
  crops: { type: "string" },
  "no-catalog-check": { type: "boolean", default: false },
  // The service's defaults (`visionConfigShape`), unless the environment says otherwise.
  ocr: { type: "string", default: process.env.OCR_ENGINE ?? visionConfigShape.OCR_ENGINE.parse(undefined) },
  "ocr-first": { type: "string", default: process.env.OCR_FIRST ?? visionConfigShape.OCR_FIRST.parse(undefined) },
  "ocr-processes": { type: "string", default: String(visionConfigShape.OCR_PROCESSES.parse(process.env.OCR_PROCESSES)) },
  help: { type: "boolean", default: false },
} as const;

/** The command line parsed; the usage printed on `--help` (exit code 0) or an option it does not know (2). */
function readCommandLine() {
  try {
    const parsed = parseArgs({ options: OPTIONS });
    if (!parsed.values.help) return parsed;
    console.log(USAGE);
  } catch (err) {
    console.error(`bench:recognition: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  process.exit(0);
}

const { values } = readCommandLine();

const STAGES = ["decode", "detect", "ocr", "match"] as const;
const round = (n: number) => Math.round(n);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function main() {
  if (!values.images) {
    console.error(`bench:recognition: --images DIR is required\n${USAGE}`);
    process.exit(2);
  }
  const imagesDir = path.resolve(values.images);
  const threshold = Number(process.env.ANALYSIS_CONFIDENCE_THRESHOLD ?? DEFAULT_CONFIDENCE_THRESHOLD);
  const kinds = values.kinds ? new Set(values.kinds.split(",")) : null;
  const rotate = Number(values.rotate);
  let labelled: LabelledImage[] = readLabels(values.labels ?? path.join(imagesDir, "labels.jsonl"));
  if (values.split) labelled = pickHalf(labelled, values.split);
  labelled = labelled.filter((l) => !kinds || kinds.has(l.kind));
  if (values.only) labelled = labelled.filter((l) => new RegExp(values.only!).test(l.file));
  if (values.limit) labelled = labelled.slice(0, Number(values.limit));
  if (![0, 90, 180, 270].includes(rotate)) throw new Error("--rotate takes 0, 90, 180 or 270");
  labelled = labelled.map((item) => ({ ...item, cards: turnPositions(item.cards, rotate) }));

  let started = performance.now();
  const source = await openCatalogSource(values.catalog);
  const index = new CatalogIndex(await source.read());
  console.log(`catalog ${values.catalog}: ${index.cardCount} cards (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const languages = tesseractLanguages((process.env.ANALYSIS_LANGUAGES ?? "fr,en").split(","));
  const cropsDir = values.crops ? path.resolve(values.crops) : path.join(os.tmpdir(), `pv-bench-${process.pid}`);
  mkdirSync(cropsDir, { recursive: true });
  const engineName = z.enum(["tesseract", "ppocr", "both"]).parse(values.ocr);
  const first = z.enum(["tesseract", "ppocr"]).parse(values["ocr-first"]);
  const engines = await startOcrEngines({ OCR_ENGINE: engineName, OCR_FIRST: first, ANALYSIS_LANGUAGES: languages, OCR_WORKERS: Number(values.workers), OCR_PROCESSES: Number(values["ocr-processes"]) });
  const engine = engines.ocr;
  const ocr = new RecordingOcrEngine(engine, Number(values["native-zones"]));
  const objects: ObjectStore = new FsObjectStore(cropsDir);
  const visionDefaults = {
    VISION_DECODE_MAX_PIXELS: visionConfigShape.VISION_DECODE_MAX_PIXELS.parse(process.env.VISION_DECODE_MAX_PIXELS),
    MAX_IMAGE_PIXELS: visionConfigShape.MAX_IMAGE_PIXELS.parse(process.env.MAX_IMAGE_PIXELS),
  };
  const deps: AnalyzeImageDeps = {
    // The service's decode limits (defaults of its config): what vision reads here is what it reads in production.
    objects, codec: new SharpImageCodec({ decodeMaxPixels: visionDefaults.VISION_DECODE_MAX_PIXELS }), detector: new OpencvCardDetector(), ocr,
    fallbackOcr: engines.fallbackOcr, clock: systemClock, maxImagePixels: visionDefaults.MAX_IMAGE_PIXELS, log: () => undefined,
  };
  if (!values["no-catalog-check"]) {
    const rank = async (features: CardFeatures) => rankCandidates(index, features, { maxCandidates: 5 });
    deps.catalog = rankingCatalog(rank, threshold, (msg) => console.error(msg));
  }

  async function run(item: LabelledImage) {
    let bytes: Buffer = readFileSync(path.join(imagesDir, item.file));
    if (rotate !== 0) bytes = await sharp(bytes).autoOrient().rotate(rotate).jpeg({ quality: 92 }).toBuffer();
    const key = `originals/${item.file}`;
    await objects.put(key, bytes, { contentType: "image/jpeg" });
    const message: ImageStored = {
      imageId: item.file.replace(/[^\w.-]/g, "_"), batchId: "bench", userId: "bench", objectKey: key, contentType: "image/jpeg",
      subjectType: "cards", width: 0, height: 0, storedAt: new Date().toISOString(),
    };
    const analyzed = (await analyzeImage(deps, message))!;
    const matchStarted = performance.now();
    const found: FoundCard[] = analyzed.cards.map((card) => ({
      position: card.position,
      candidates: rankCandidates(index, card.features, { maxCandidates: 5 }),
    }));
    const match = performance.now() - matchStarted;
    const t = analyzed.timingsMs;
    return { analyzed, found, timings: { decode: (t.read ?? 0) + (t.decode ?? 0), detect: t.detect ?? 0, ocr: t.ocr ?? 0, match, total: (t.total ?? 0) + match } };
  }

  if (labelled.length > 0) await run(labelled[0]); // warm-up, untimed: JIT and the workers' first pages
  ocr.samples.length = 0;

  const outcomes = new Map<string, ImageOutcome[]>();
  const times: Record<string, number[]> = { total: [], decode: [], detect: [], ocr: [], match: [] };
  const totalsByKind = new Map<string, number[]>();
  const failures: string[] = [];
  const imageMs: Record<string, number> = {};
  const cardsRead: Parameters<typeof engineFigures>[0] = [];
  const readings: Record<string, unknown[]> = {};
  started = performance.now();
  const cpuStarted = process.cpuUsage();
  const othersStarted = engines.usage();
  for (const [i, item] of labelled.entries()) {
    const { analyzed, found, timings } = await run(item);
    for (const [stage, ms] of Object.entries(timings)) times[stage].push(ms);
    imageMs[item.file] = round(timings.total);
    readings[item.file] = analyzed.cards.map((c) => ({ rotation: c.rotation, position: c.position, features: c.features }));
    totalsByKind.set(item.kind, [...(totalsByKind.get(item.kind) ?? []), timings.total]);
    const outcome = scoreImage(item.cards, found, threshold);
    const at = (p: ExpectedCard["position"]) => analyzed.cards.find((c) => !p || (c.position?.row === p.row && c.position?.col === p.col))?.features;
    cardsRead.push(...item.cards.map((expected) => ({ expected, features: at(expected.position) })));
    outcomes.set(item.kind, [...(outcomes.get(item.kind) ?? []), outcome]);
    for (const card of outcome.cards) {
      if (card.rank !== 0 || card.confidentWrong) {
        const pos = card.expected.position ? ` ${`r${card.expected.position.row}c${card.expected.position.col}`}` : "";
        const feat = analyzed.cards.find((c) => !card.expected.position || (c.position?.row === card.expected.position.row && c.position?.col === card.expected.position.col))?.features;
        const read = feat ? ` read[name=${feat.name} hp=${feat.hp} no=${feat.number}/${feat.printedTotal} set=${feat.setCode}] raw=${JSON.stringify(feat.rawText)}` : "";
        failures.push(`${item.file}${pos}\texpected ${card.expected.ids[0]} ${card.expected.name}\tgot ${card.got}${card.rank > 0 ? ` (expected at rank ${card.rank + 1})` : ""}${card.confidentWrong ? " CONFIDENT-WRONG" : ""}${read}`);
      }
    }
    if (outcome.extra > 0) failures.push(`${item.file}\t${outcome.extra} extra card(s) found (${outcome.extraConfidentWrong} confident-wrong)`);
    if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${labelled.length} ${item.file}      `);
  }
  const wall = performance.now() - started;
  const own = process.cpuUsage(cpuStarted);
  const others = engines.usage();
  // The OCR processes' CPU time counts as this process's: the figure is the CPU a card costs, wherever it is spent.
  const cpu = { user: own.user + others.cpuMicros - othersStarted.cpuMicros, system: own.system };

  // The native reference is tesseract's: it compares with tesseract.js only.
  const native = engineName === "tesseract" && nativeTesseractAvailable() ? await ocrVsNative(engine, ocr.samples, languages) : null;
  await engines.close();

  const sorted = (k: string) => [...times[k]].sort((a, b) => a - b);
  const report = {
    kinds: Object.fromEntries([...outcomes].map(([kind, list]) => [kind, kindFigures(list)])),
    timings_ms: {
      per_image_p50: round(percentile(sorted("total"), 50)),
      per_image_p95: round(percentile(sorted("total"), 95)),
      ...Object.fromEntries(STAGES.map((s) => [s, round(percentile(sorted(s), 50))])),
      // The single-card photo target is on photos alone: scans are quicker, binder pages slower.
      per_image_p50_by_kind: Object.fromEntries([...totalsByKind].map(([kind, t]) => [kind, round(percentile([...t].sort((a, b) => a - b), 50))])),
    },
    ocr: { engine: engineName === "both" ? `${first} then ${first === "tesseract" ? "ppocr" : "tesseract"}` : engineName, ...engineFigures(cardsRead, sum(times.total), cpu, others.maxRssKb) },
    ocr_vs_native: native?.ratio ?? null,
    ocr_vs_native_detail: native,
    images: labelled.length,
    wall_s: Math.round(wall / 100) / 10,
    rotate,
    threshold,
    workers: Number(values.workers),
  };
  printTable(report.kinds);
  console.log(JSON.stringify(report, null, 2));
  console.log(`failures (${failures.length}):`);
  for (const f of failures) console.log(`  ${f}`);
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify({ ...report, failures, image_ms: imageMs, readings }, null, 2)}\n`);
    console.log(`report written to ${values.out}`);
  }
}

/** The half `--split` names, its size per kind printed. */
function pickHalf(labelled: LabelledImage[], name: string): LabelledImage[] {
  if (name !== "A" && name !== "B") throw new Error("--split takes A or B");
  const half = splitHalves(labelled)[name];
  const sizes = ["scan", "photo", "binder"].map((k) => `${half.filter((l) => l.kind === k).length} ${k}`);
  console.log(`split ${name}: ${half.length} of ${labelled.length} images (${sizes.join(", ")}), card-disjoint from the other half`);
  return half;
}

/** Where the cards of a page are once the image is turned clockwise by `rotate` (its rows become columns; the grid is the span of the labelled positions). */
function turnPositions(cards: ExpectedCard[], rotate: number): ExpectedCard[] {
  const rows = Math.max(0, ...cards.map((c) => (c.position?.row ?? 0) + 1));
  const cols = Math.max(0, ...cards.map((c) => (c.position?.col ?? 0) + 1));
  return cards.map((card) => {
    const p = card.position;
    if (!p || rotate === 0) return card;
    const position =
      rotate === 90 ? { row: p.col, col: rows - 1 - p.row } : rotate === 180 ? { row: rows - 1 - p.row, col: cols - 1 - p.col } : { row: cols - 1 - p.col, col: p.row };
    return { ...card, position };
  });
}

function printTable(kinds: Record<string, ReturnType<typeof kindFigures>>) {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log("kind     images  expected  found  extra  top-1     top-5     confident-wrong  proposed-right");
  for (const [kind, f] of Object.entries(kinds)) {
    console.log(
      `${kind.padEnd(8)} ${String(f.images).padStart(6)}  ${String(f.cards_expected).padStart(8)}  ${String(f.cards_found).padStart(5)}  ${String(f.extra_cards).padStart(5)}  ${pct(f.top1).padEnd(8)}  ${pct(f.top5).padEnd(8)}  ${String(f.confident_wrong).padEnd(15)}  ${pct(f.confident_right)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(`bench:recognition failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
