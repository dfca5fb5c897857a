import { beforeAll, describe, expect, it } from "vitest";
import { catalogDir } from "@poke-ventory/testing";
import { openCatalogSource } from "../src/adapters/open-catalog-source";
import { CatalogIndex, type IndexedCard } from "../src/catalog-index";
import { isPromoSet } from "../src/domain/catalog";
import { collectorNumberKey, parseCollectorNumber, promoCodeOf } from "../src/domain/collector-number";
import { decodeCollectorNumbers } from "../src/domain/decode-collector-numbers";

/** A number as a card prints it, and what parsing it must give back. */
interface Printed {
  text: string;
  key: string;
  printedTotal: number | null;
  totalPrefix: string;
  promoSetId: string | null;
}

/** The letters every number of a set begins with (`TG`, `GG`, `SV`): such subsets print them on the total too. */
function sharedPrefix(cards: readonly IndexedCard[]): string | null {
  const prefix = /^[A-Z]+(?=\d)/.exec(cards[0]?.card.number ?? "")?.[0] ?? null;
  return prefix && cards.every((e) => e.card.number.startsWith(prefix)) ? prefix : null;
}

/**
 * Every way the card prints its number: `051/198` and `51/198` (eras differ in zero padding), `TG05/TG30`, a promo's
 * code alone (`SWSH179`, `SM01`, `H1`), `SVP 045` and `045/SV-P`, a letter or word alone (`A`, `?`, `ONE`).
 */
function printedForms(e: IndexedCard, shared: string | null): Printed[] {
  const { number } = e.card;
  const total = e.set.printedTotal;
  const key = collectorNumberKey(number);
  const alone: Printed = { text: number, key, printedTotal: null, totalPrefix: "", promoSetId: null };
  const promoCode = promoCodeOf(e.set.id);
  const promo = isPromoSet(e.set);
  if (promoCode) {
    const padded = number.padStart(3, "0");
    return [`${promoCode} ${padded}`, `${padded}/${promoCode.slice(0, -1)}-${promoCode.slice(-1)}`].map((text) => ({ ...alone, text, promoSetId: e.set.id }));
  }
  if (/^[A-Z]+\d/i.test(number)) return shared && total !== null && !promo ? [{ ...alone, text: `${number}/${shared}${total}`, printedTotal: total, totalPrefix: shared }] : [alone];
  if (!/^\d/.test(number) || total === null || promo) return [alone];
  return [...new Set([number.padStart(3, "0"), number])].map((n) => ({ ...alone, text: `${n}/${total}`, printedTotal: total }));
}

/** Lookalikes OCR reads for what a card prints, in letter and digit positions alike. */
const LOOKALIKE: Record<string, string> = { "0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B", S: "5", B: "8", G: "6", W: "VV" };
/** The text with one character read as its lookalike, for each character that has one. */
const misreads = (text: string) => [...text].flatMap((c, i) => (LOOKALIKE[c] ? [text.slice(0, i) + LOOKALIKE[c] + text.slice(i + 1)] : []));

describe("collector numbers of the whole catalog, as printed", () => {
  let index: CatalogIndex;
  const forms: { card: string; printed: Printed }[] = [];

  beforeAll(async () => {
    index = new CatalogIndex(await (await openCatalogSource(catalogDir)).read());
    for (const set of index.sets) {
      const cards = index.cardsOfSet(set.id);
      const shared = sharedPrefix(cards);
      for (const e of cards) for (const printed of printedForms(e, shared)) forms.push({ card: e.card.id, printed });
    }
  });

  it("covers every card of every set", () => {
    expect(new Set(forms.map((f) => f.card)).size).toBe(index.cardCount);
  });

  it("parses every printed number back to the catalog's key, total and promo set", () => {
    const wrong = forms.filter(({ printed }) => {
      const n = parseCollectorNumber(printed.text);
      return !n || n.key !== printed.key || n.printedTotal !== printed.printedTotal || n.totalPrefix !== printed.totalPrefix || n.promoSetId !== printed.promoSetId;
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("parses back every shape matching looks for in the raw text (printedNumbers) to the card's key", () => {
    const wrong: string[] = [];
    for (const set of index.sets) {
      for (const e of index.cardsOfSet(set.id)) {
        // Shapes are upper case, for compacted text; a card prints its variant letter in lower case (`182b`).
        for (const shape of e.target.printedNumbers.map((s) => s.replace(/(?<=\d)([AB])(?=\/|$)/, (c) => c.toLowerCase()))) {
          if (parseCollectorNumber(shape)?.key !== e.target.numberKey) wrong.push(`${shape} (${e.card.id})`);
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("parses every printed number back with its lookalikes misread (O for 0, I for 1, 5 for S, VV for W…)", () => {
    const wrong = forms.flatMap(({ card, printed }) =>
      printed.text.length > 1 ? misreads(printed.text).filter((text) => parseCollectorNumber(text)?.key !== printed.key).map((text) => `${text} (${card})`) : [],
    );
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("decodes every number printed with letters or a total from noisy text, junk around it and lookalikes misread", () => {
    const decodable = forms.filter(({ printed }) => /^[A-Z]+\d+(\/|$)|^\d+\/|^SVP /.test(printed.text));
    expect(decodable.length).toBeGreaterThan(19_000);
    const wrong = decodable.flatMap(({ card, printed }) =>
      [printed.text, ...misreads(printed.text)]
        .filter((text) => {
          const found = decodeCollectorNumbers(`(E ${text} *E`, index);
          return !found.some((n) => n.key === printed.key && (n.printedTotal === null || n.printedTotal === printed.printedTotal));
        })
        .map((text) => `${text} (${card})`),
    );
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("decodes a promo code read alone as its own number first", () => {
    const codes = forms.filter(({ printed }) => /^[A-Z]+\d+$/.test(printed.text));
    expect(codes.length).toBeGreaterThan(1_000);
    const wrong = codes.filter(({ printed }) => decodeCollectorNumbers(`D${printed.text}`, index)[0]?.key !== printed.key);
    expect(wrong.slice(0, 10).map((f) => f.printed.text)).toEqual([]);
  });
});
