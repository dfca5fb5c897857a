import { createHash } from "node:crypto";
import type { LabelledImage } from "./bench-labels";

export type BenchHalf = "A" | "B";

/** The kinds in the order their groups are dealt: a group holding a binder page is dealt with the binder pages. */
const KIND_ORDER = ["binder", "photo", "scan"];

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Groups images that share a card (any of its catalog ids), so that a card never sits in both halves: two photos
 * of one card, or a binder cell also scanned alone, travel together.
 */
function cardGroups(images: readonly LabelledImage[]): LabelledImage[][] {
  const parent = images.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const owner = new Map<string, number>();
  images.forEach((image, i) => {
    for (const id of image.cards.flatMap((c) => c.ids)) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, LabelledImage[]>();
  images.forEach((image, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), image]));
  return [...groups.values()];
}

const groupKind = (group: LabelledImage[]) => KIND_ORDER.find((k) => group.some((i) => i.kind === k)) ?? group[0].kind;
const groupKey = (group: LabelledImage[]) => hash(group.flatMap((i) => i.cards.flatMap((c) => c.ids)).sort()[0] ?? group[0].file);

/**
 * A fixed, card-disjoint split of labelled images in two halves, stratified by kind: within each kind the groups of
 * images sharing a card are ordered by a hash of their smallest card id and dealt A, B, A, B… So each half holds
 * scans and photos, the split depends on the labels alone (not on file order or names), and adding images moves
 * few others. With one binder page, it goes to half A (the first dealt).
 */
export function splitHalves(images: readonly LabelledImage[]): Record<BenchHalf, LabelledImage[]> {
  const half = new Map<LabelledImage, BenchHalf>();
  const byKind = new Map<string, LabelledImage[][]>();
  for (const group of cardGroups(images)) byKind.set(groupKind(group), [...(byKind.get(groupKind(group)) ?? []), group]);
  for (const groups of byKind.values()) {
    const ordered = groups.map((g) => ({ g, key: groupKey(g) })).sort((a, b) => a.key.localeCompare(b.key));
    ordered.forEach(({ g }, i) => g.forEach((image) => half.set(image, i % 2 === 0 ? "A" : "B")));
  }
  return { A: images.filter((i) => half.get(i) === "A"), B: images.filter((i) => half.get(i) === "B") };
}
