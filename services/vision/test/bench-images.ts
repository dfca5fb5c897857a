import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { benchCardsDir } from "@poke-ventory/testing";

/** A labelled bench image, as the labels file gives it. */
export interface BenchImage {
  file: string;
  kind: "scan" | "photo" | "binder";
  name?: string;
  number?: string;
  cards?: { position: string; name: string; number: string }[];
}

const labels: BenchImage[] = readFileSync(path.join(benchCardsDir, "labels.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as BenchImage);

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * `count` bench images of a kind, chosen by the test without naming them: ordered by a hash of their file and `seed`
 * (another seed, other images), those `where` accepts first. Tests on them assert properties any such image has.
 */
export function benchImages(kind: BenchImage["kind"], count: number, seed = "", where: (image: BenchImage) => boolean = () => true): BenchImage[] {
  const picked = labels
    .filter((l) => l.kind === kind && where(l))
    .sort((a, b) => hash(seed + a.file).localeCompare(hash(seed + b.file)))
    .slice(0, count);
  if (picked.length < count) throw new Error(`only ${picked.length} bench ${kind}s fit, ${count} asked`);
  return picked;
}

/** The bytes of a bench image. */
export const benchBytes = (image: BenchImage) => readFileSync(path.join(benchCardsDir, image.file));

/** Every labelled image of a kind. */
export const allBench = (kind: BenchImage["kind"]) => labels.filter((l) => l.kind === kind);

/** Collector numbers compare by value: a leading zero lost by OCR does not change the card (`01/165` is card 1). */
export const sameNumber = (read: string | null | undefined, label: string | undefined) =>
  !!read && !!label && read.replace(/^0+(?=\d)/, "").toUpperCase() === label.replace(/^0+(?=\d)/, "").toUpperCase();
