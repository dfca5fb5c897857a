import type { ExpectedCard } from "./bench-labels";

/** A card vision found and matching ranked. */
export interface FoundCard {
  position: { row: number; col: number } | null;
  candidates: { cardId: string; name: string; score: number }[];
}

/** How one expected card fared. */
export interface CardOutcome {
  expected: ExpectedCard;
  found: boolean;
  /** 0-based rank of the expected card among the candidates, -1 when absent or not found. */
  rank: number;
  got: string;
  confidentWrong: boolean;
  /** The top candidate is the card and scores over the threshold: proposed as the card, rightly. */
  confidentRight: boolean;
}

export interface ImageOutcome {
  cards: CardOutcome[];
  /** Cards found that pair with no expected card. */
  extra: number;
  /** Extra cards whose confident top-1 is none of the expected cards. */
  extraConfidentWrong: number;
}

const rankOf = (card: FoundCard, ids: string[]) => card.candidates.findIndex((c) => ids.includes(c.cardId));
const samePosition = (a: FoundCard["position"], b: ExpectedCard["position"]) => !!a && !!b && a.row === b.row && a.col === b.col;

/**
 * Pairs found cards with expected ones — by grid position when the labels give one, the best-ranked found card
 * for a single expected card, else in order — and scores each pair against the confidence threshold.
 */
export function scoreImage(expected: ExpectedCard[], found: FoundCard[], threshold: number): ImageOutcome {
  const used = new Set<number>();
  const pair = (exp: ExpectedCard, i: number): number => {
    if (exp.position && found.some((f) => f.position)) return found.findIndex((f, j) => !used.has(j) && samePosition(f.position, exp.position));
    if (expected.length === 1) {
      const ranked = found.map((f, j) => ({ j, rank: rankOf(f, exp.ids) })).filter((r) => r.rank >= 0).sort((a, b) => a.rank - b.rank);
      return ranked[0]?.j ?? (found.length > 0 ? 0 : -1);
    }
    return i < found.length && !used.has(i) ? i : -1;
  };
  const allIds = expected.flatMap((e) => e.ids);
  const confidentWrong = (card: FoundCard, ids: string[]) => {
    const top = card.candidates[0];
    return !!top && top.score >= threshold && !ids.includes(top.cardId);
  };
  const cards = expected.map((exp, i): CardOutcome => {
    const j = pair(exp, i);
    if (j < 0) return { expected: exp, found: false, rank: -1, got: "(no card)", confidentWrong: false, confidentRight: false };
    used.add(j);
    const card = found[j];
    const top = card.candidates[0];
    return {
      expected: exp,
      found: true,
      rank: rankOf(card, exp.ids),
      got: top ? `${top.cardId} ${top.name} (${top.score.toFixed(2)})` : "(no candidate)",
      confidentWrong: confidentWrong(card, exp.ids),
      confidentRight: !!top && top.score >= threshold && exp.ids.includes(top.cardId),
    };
  });
  const extras = found.filter((_, j) => !used.has(j));
  return { cards, extra: extras.length, extraConfidentWrong: extras.filter((c) => confidentWrong(c, allIds)).length };
}

export interface KindFigures {
  images: number;
  cards_expected: number;
  cards_found: number;
  extra_cards: number;
  top1: number;
  top5: number;
  confident_wrong: number;
  /** Fraction of the cards expected proposed rightly (top-1 over the threshold): the rest ask the collector. */
  confident_right: number;
}

/** Totals of one kind of image; top-1/top-5 are fractions of the cards expected. */
export function kindFigures(outcomes: ImageOutcome[]): KindFigures {
  const cards = outcomes.flatMap((o) => o.cards);
  const ratio = (n: number) => (cards.length === 0 ? 0 : Math.round((n / cards.length) * 1e4) / 1e4);
  return {
    images: outcomes.length,
    cards_expected: cards.length,
    cards_found: cards.filter((c) => c.found).length,
    extra_cards: outcomes.reduce((s, o) => s + o.extra, 0),
    top1: ratio(cards.filter((c) => c.rank === 0).length),
    top5: ratio(cards.filter((c) => c.rank >= 0 && c.rank < 5).length),
    confident_wrong: cards.filter((c) => c.confidentWrong).length + outcomes.reduce((s, o) => s + o.extraConfidentWrong, 0),
    confident_right: ratio(cards.filter((c) => c.confidentRight).length),
  };
}

/** The value below which `p` % of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
