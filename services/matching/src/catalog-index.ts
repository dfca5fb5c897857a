import { isPromoSet, type CatalogCard, type CatalogRecords, type CatalogSet } from "./domain/catalog";
import { cardNameKey } from "./domain/card-name";
import { collectorNumberKey, promoCodeOf } from "./domain/collector-number";
import type { NumberLexicon } from "./domain/decode-collector-numbers";
import { compactName, printedNumbers } from "./domain/printed-text";
import type { ScoreTarget } from "./domain/candidate-score";
import { NameIndex, type NameHit } from "./name-index";

/** A catalog card with its set and the normalized fields scoring needs, computed once at load. */
export interface IndexedCard {
  card: CatalogCard;
  set: CatalogSet;
  target: ScoreTarget;
  /** Position in the index, 0-based: lets a ranking mark cards in a typed array instead of a Set. */
  ordinal: number;
  /** Position of the card's set, newest first: ties between candidates go to the newer printing. */
  recency: number;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const setCodes = (set: CatalogSet) =>
  [set.ptcgoCode, set.abbreviationFr].filter((c): c is string => !!c).map((c) => c.toUpperCase().replace(/\s/g, ""));

/**
 * The whole catalog in memory, indexed for ranking: cards by id, by set, by collector number key,
 * sets by printed total, and a fuzzy index over the unique names in both languages. Immutable:
 * a reload builds a new one.
 */
export class CatalogIndex implements NumberLexicon {
  private readonly setsById = new Map<string, CatalogSet>();
  private readonly cardsById = new Map<string, IndexedCard>();
  private readonly cardsBySet = new Map<string, IndexedCard[]>();
  private readonly cardsByNumber = new Map<string, IndexedCard[]>();
  private readonly setsByTotal = new Map<number, CatalogSet[]>();
  private readonly cardsByName = new Map<string, IndexedCard[]>();
  /** Numbers printed with letters, by compact printed code (`SWSH179`, `TG05`, `SVP045`). */
  private readonly codes = new Map<string, { key: string; promoSetId: string | null }>();
  private readonly names: NameIndex;
  readonly sets: readonly CatalogSet[];

  constructor(records: CatalogRecords) {
    this.sets = [...records.sets].sort((a, b) => (b.releaseDate ?? "").localeCompare(a.releaseDate ?? "") || a.id.localeCompare(b.id));
    const recency = new Map<string, number>();
    for (const set of this.sets) {
      recency.set(set.id, recency.size);
      this.setsById.set(set.id, set);
      if (set.printedTotal !== null) push(this.setsByTotal, set.printedTotal, set);
    }
    for (const card of records.cards) {
      const set = this.setsById.get(card.setId);
      if (!set) continue;
      const names = [...new Set([card.nameEn, card.nameFr].filter((n): n is string => !!n).map(cardNameKey))];
      const entry: IndexedCard = {
        card,
        set,
        ordinal: this.cardsById.size,
        recency: recency.get(set.id)!,
        target: {
          setId: set.id,
          numberKey: collectorNumberKey(card.number),
          names,
          hp: card.hp,
          regulationMark: card.regulationMark,
          illustrator: card.artist ? cardNameKey(card.artist) : null,
          setPrintedTotal: set.printedTotal,
          setCodes: setCodes(set),
          printedNumbers: printedNumbers(card.number, isPromoSet(set) ? null : set.printedTotal, promoCodeOf(set.id)),
          illustratorText: card.artist ? compactName(card.artist) : "",
          // Fossils are trainers that print an HP: the catalog's HP says so.
          printsHp: card.hp !== null || card.supertype === null || card.supertype === "Pokémon",
        },
      };
      this.cardsById.set(card.id, entry);
      push(this.cardsBySet, set.id, entry);
      push(this.cardsByNumber, entry.target.numberKey, entry);
      for (const name of names) push(this.cardsByName, name, entry);
      this.addCode(card.number, set.id, entry.target.numberKey);
    }
    this.names = new NameIndex([...this.cardsByName.keys()]);
  }

  private addCode(number: string, setId: string, key: string): void {
    const promoCode = promoCodeOf(setId);
    if (promoCode && /^\d+$/.test(number)) this.codes.set(`${promoCode}${number.padStart(3, "0")}`, { key, promoSetId: setId });
    else if (/^[A-Z]+\d+$/i.test(number)) this.codes.set(number.toUpperCase(), { key, promoSetId: null });
  }

  get cardCount(): number {
    return this.cardsById.size;
  }
  get uniqueNameCount(): number {
    return this.names.size;
  }
  set(id: string): CatalogSet | undefined {
    return this.setsById.get(id);
  }
  card(id: string): IndexedCard | undefined {
    return this.cardsById.get(id);
  }
  cardsOfSet(setId: string): readonly IndexedCard[] {
    return this.cardsBySet.get(setId) ?? [];
  }
  /** Cards whose number has this key (see `collectorNumberKey`), across every set. */
  cardsWithNumber(key: string): readonly IndexedCard[] {
    return this.cardsByNumber.get(key) ?? [];
  }
  code(printed: string): { key: string; promoSetId: string | null } | null {
    return this.codes.get(printed) ?? null;
  }
  hasNumberOfTotal(key: string, total: number): boolean {
    return this.cardsWithNumber(key).some((e) => e.set.printedTotal === total);
  }
  setsWithPrintedTotal(total: number): readonly CatalogSet[] {
    return this.setsByTotal.get(total) ?? [];
  }
  /** Unique name keys (see `cardNameKey`) closest to a name key, by fuse.js (the manual search). */
  searchNames(query: string, limit: number): NameHit[] {
    return this.names.search(query, limit);
  }
  /** Unique name keys closest to a name key by `similarity` (candidate ranking). */
  closestNames(query: string, limit: number, similarity: (a: string, b: string) => number): NameHit[] {
    return this.names.closest(query, limit, similarity);
  }
  /** Unique name keys at `similarity` ≥ `floor` to a query, over every name (see `NameIndex.scan`). */
  scanNames(query: string, limit: number, similarity: (a: string, b: string) => number, floor: number): NameHit[] {
    return this.names.scan(query, limit, similarity, floor);
  }
  cardsNamed(nameKey: string): readonly IndexedCard[] {
    return this.cardsByName.get(nameKey) ?? [];
  }
}
