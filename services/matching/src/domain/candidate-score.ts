import { nameSimilarity } from "./card-name";
import type { CollectorNumber } from "./collector-number";
import type { DecodedNumber } from "./decode-collector-numbers";
import { fragmentSimilarity } from "./name-fragments";
import { closestIn, type TextLines } from "./printed-text";

/** What was read on the card, already normalized. */
export interface ScoreQuery {
  number: CollectorNumber | null;
  /** Name key (see `cardNameKey`). */
  name: string | null;
  hp: number | null;
  /** Set code as printed, upper case without spaces (`PAL`, `EAP`). */
  setCode: string | null;
  regulationMark: string | null;
  /** Illustrator as a name key. */
  illustrator: string | null;
  /**
   * The raw OCR text's lines, compacted two ways (`compactCode`, `compactName`), in which a candidate's printed number
   * and illustrator are looked for when they were not read as fields; null when there is no raw text.
   */
  text: TextLines | null;
  /**
   * Numbers of the catalog decoded from the raw text (`decodeCollectorNumbers`) when no number was read as a field:
   * a candidate among them agrees as if its number were found printed in the text.
   */
  textNumbers?: readonly DecodedNumber[];
  /**
   * Lines of the raw text that may be a name cut at one end (`nameFragments`), looked at when no name of the catalog
   * was read: a candidate one of whose names starts or ends so agrees weakly (`EVIDENCE.name_in_text`).
   */
  nameFragments?: readonly string[];
}

/** The catalog side of one candidate, already normalized. */
export interface ScoreTarget {
  setId: string;
  numberKey: string;
  /** Name keys in every language the catalog knows. */
  names: string[];
  hp: number | null;
  regulationMark: string | null;
  /** Illustrator as a name key. */
  illustrator: string | null;
  setPrintedTotal: number | null;
  /** Set codes printed on the set's cards (ptcgo code, French abbreviation). */
  setCodes: string[];
  /** The shapes the card prints its number in (`printedNumbers`). */
  printedNumbers: string[];
  /** Illustrator compacted (`compactName`), or empty. */
  illustratorText: string;
  /** False for trainers and energies that print no HP (fossils print one): an HP read cannot be theirs. */
  printsHp: boolean;
}

/** Fields that can agree, one bit each, in the order reasons are listed. */
export const REASONS = ["number", "printed_total", "name", "hp", "set_code", "regulation_mark", "illustrator", "number_in_text", "name_in_text"] as const;
export type Reason = (typeof REASONS)[number];
const BIT = Object.fromEntries(REASONS.map((r, i) => [r, 1 << i])) as Record<Reason, number>;

/** The reasons of a bit set, in `REASONS` order. */
export const reasonList = (bits: number): Reason[] => REASONS.filter((r) => bits & BIT[r]);

/**
 * Log-likelihood ratios (natural log) of each field: how much more likely the reading is if this
 * candidate is the card than if it is not. A field that was not read weighs nothing; one read and
 * different counts against. Set + number come first (a number with the printed total that narrows the
 * set identifies a printing), then name, HP, set code / regulation mark, illustrator.
 */
export const EVIDENCE = {
  number: { agree: 4.5, near: 1, differ: -2.3 },
  printed_total: { agree: 3, differ: -2.5 },
  /** Name: `slope × (similarity − pivot)`, capped below; a similarity ≥ `reason` is a reason, one < `veto` a veto. */
  name: { slope: 14, pivot: 0.65, floor: -4, reason: 0.8, veto: 0.4, vetoMinLength: 4 },
  hp: { agree: 2.3, differ: -3.5 },
  set_code: { agree: 2, differ: -1 },
  regulation_mark: { agree: 0.8, differ: -1.5 },
  illustrator: { agree: 1.5, differ: -0.5, reason: 0.75 },
  /**
   * Looked for in the raw text: a number not read as a field, printed as the card prints it (`095/203`), or, seven
   * characters or longer, with one character wrong (`0935/2038`); an illustrator of six letters or more, with at
   * most a fifth of them wrong, agrees as if read (the `Illus.` before it is often lost, or the name read as debris).
   * Nothing against a candidate not found: OCR often reads neither. Measured on the raw texts of the 161 bench
   * cards: the true illustrator is found so in 127 of 143; another of the catalog's 342 illustrators in 3 of 10 000
   * tries (most of them a part of the true one's name, `planeta` in `planetamochizuki`); a number of seven characters
   * or more of another set, with one character wrong, in 7 of 10 000.
   */
  number_in_text: { exact: 3, oneOff: 1.5, oneOffLength: 7, minLength: 4 },
  illustrator_in_text: { minLength: 6, wrongShare: 0.2 },
  /**
   * A name fragment (`nameFragments`) that starts or ends one of the candidate's names, at `fragmentSimilarity` ≥
   * `similarity`. Weak: many names share an end, so below an HP's weight, and never confident alone
   * (`fragmentOnly`). Fitted on the synthetic table photos of seeds 7 and 11, checked on seeds 13, 17 and 19.
   */
  name_in_text: { agree: 2, similarity: 0.8 },
} as const;

/** Below this name similarity the name evidence is at its floor: similarities under it need not be exact. */
export const NAME_SIMILARITY_FLOOR = EVIDENCE.name.pivot + EVIDENCE.name.floor / EVIDENCE.name.slope;

/**
 * Readings that rule a candidate out whatever else agrees, so it is never proposed with confidence (see
 * `vetoedScore`): an HP read on a trainer or energy, a name read that is nothing like the candidate's, a printed total
 * (or promo code) read that is not the candidate set's, unless the name agrees. The name veto stands only when the name read is a name of the
 * catalog (`rankCandidates` checks): debris read on the name band (a stage badge and a logo, `Bass' WC.`) vetoes nothing.
 */
export const VETOES = ["hp_on_trainer", "name", "printed_total"] as const;
export type Veto = (typeof VETOES)[number];
const VETO = Object.fromEntries(VETOES.map((v, i) => [v, 1 << i])) as Record<Veto, number>;

/** The vetoes of a bit set, in `VETOES` order. */
export const vetoList = (bits: number): Veto[] => VETOES.filter((v) => bits & VETO[v]);

/** A veto bit set without `veto`. */
export const withoutVeto = (bits: number, veto: Veto): number => bits & ~VETO[veto];

/** Evidence of one candidate: log-odds, the fields that agreed and the readings that veto it. */
export interface CandidateEvidence {
  logOdds: number;
  /** Bit set over `REASONS`; see `reasonList`. */
  reasons: number;
  /** Bit set over `VETOES`; see `vetoList`. 0 when nothing vetoes the candidate. */
  vetoes: number;
}

/** Similarity of two name keys in [0, 1]; callers may pass a memoized one. */
export type NameSimilarity = (a: string, b: string) => number;

/** The similarities used for names and illustrators (separate, so each may be memoized per query). */
export interface Similarities {
  name: NameSimilarity;
  illustrator: NameSimilarity;
}
const PLAIN: Similarities = { name: nameSimilarity, illustrator: nameSimilarity };

/**
 * One character apart once the shorter is left-padded with zeros (`52`/`72`, `641`/`41` as printed
 * `641`/`041`): the reading of a printed number with one digit misread.
 */
function nearNumber(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  const padA = length - a.length;
  const padB = length - b.length;
  let diff = 0;
  for (let i = 0; i < length; i++) {
    const ca = i < padA ? 48 : a.charCodeAt(i - padA);
    const cb = i < padB ? 48 : b.charCodeAt(i - padB);
    if (ca !== cb && ++diff > 1) return false;
  }
  return diff === 1;
}

function totalMatches(n: CollectorNumber, t: ScoreTarget): boolean {
  if (n.promoSetId) return n.promoSetId === t.setId;
  if (n.printedTotal === null || t.setPrintedTotal === null) return false;
  // `GG10/GG70`: the total's letters must be the number's letters too.
  if (n.totalPrefix && !t.numberKey.startsWith(n.totalPrefix)) return false;
  return n.printedTotal === t.setPrintedTotal;
}

/** Adds the number and total evidence to `out`. */
function numberEvidence(n: CollectorNumber, t: ScoreTarget, out: CandidateEvidence): void {
  const promoElsewhere = n.promoSetId !== null && n.promoSetId !== t.setId;
  if (!promoElsewhere && n.key === t.numberKey) {
    out.logOdds += EVIDENCE.number.agree;
    out.reasons |= BIT.number;
  } else {
    out.logOdds += !promoElsewhere && nearNumber(n.key, t.numberKey) ? EVIDENCE.number.near : EVIDENCE.number.differ;
  }
  if (totalMatches(n, t)) {
    out.logOdds += EVIDENCE.printed_total.agree;
    out.reasons |= BIT.printed_total;
  } else if (n.promoSetId || n.printedTotal !== null) {
    out.logOdds += EVIDENCE.printed_total.differ;
    if (n.promoSetId || t.setPrintedTotal !== null) out.vetoes |= VETO.printed_total;
  }
}

/**
 * A total read against a candidate whose name was read too is a total misread, not a contradiction: OCR repairs of the
 * small print around the slash (`1733/1765` taken as 173/176) misread totals far more often than a name agrees by
 * chance. On the bench scans, four right cards lost their confidence to such totals.
 */
function keepTotalVeto(out: CandidateEvidence): void {
  if (out.reasons & BIT.name) out.vetoes &= ~VETO.printed_total;
}

/**
 * Weighs one catalog card against what was read: the sum of each field's log-likelihood ratio
 * (`EVIDENCE`). Pure: every input is already normalized. `calibratedScores` turns the log-odds of a
 * candidate pool into scores in [0, 1].
 */
export function candidateEvidence(q: ScoreQuery, t: ScoreTarget, similarity: Similarities = PLAIN): CandidateEvidence {
  const out: CandidateEvidence = { logOdds: 0, reasons: 0, vetoes: 0 };
  if (q.number) numberEvidence(q.number, t, out);
  if (q.name) {
    let best = 0;
    for (const n of t.names) {
      const s = similarity.name(q.name, n);
      if (s > best) best = s;
    }
    const { slope, pivot, floor, reason, veto, vetoMinLength } = EVIDENCE.name;
    out.logOdds += Math.max(floor, slope * (best - pivot));
    if (best >= reason) out.reasons |= BIT.name;
    else if (best < veto && q.name.length >= vetoMinLength) out.vetoes |= VETO.name;
  }
  if (q.hp !== null && !t.printsHp) {
    out.logOdds += EVIDENCE.hp.differ;
    out.vetoes |= VETO.hp_on_trainer;
  } else if (q.hp !== null && t.hp !== null) {
    if (q.hp === t.hp) {
      out.logOdds += EVIDENCE.hp.agree;
      out.reasons |= BIT.hp;
    } else out.logOdds += EVIDENCE.hp.differ;
  }
  if (q.setCode && t.setCodes.length > 0) {
    if (t.setCodes.includes(q.setCode)) {
      out.logOdds += EVIDENCE.set_code.agree;
      out.reasons |= BIT.set_code;
    } else out.logOdds += EVIDENCE.set_code.differ;
  }
  if (q.regulationMark && t.regulationMark) {
    if (q.regulationMark.toUpperCase() === t.regulationMark.toUpperCase()) {
      out.logOdds += EVIDENCE.regulation_mark.agree;
      out.reasons |= BIT.regulation_mark;
    } else out.logOdds += EVIDENCE.regulation_mark.differ;
  }
  keepTotalVeto(out);
  const illustratorRead = !!q.illustrator && !!t.illustrator && similarity.illustrator(q.illustrator, t.illustrator) >= EVIDENCE.illustrator.reason;
  if (illustratorRead || (q.text && illustratorInText(q.text, t))) {
    out.logOdds += EVIDENCE.illustrator.agree;
    out.reasons |= BIT.illustrator;
  } else if (q.illustrator && t.illustrator) out.logOdds += EVIDENCE.illustrator.differ;
  if (q.text && !q.number) numberInText(q.text, q.textNumbers ?? [], t, out);
  if (q.nameFragments?.length && fragmentAgrees(q.nameFragments, t)) {
    out.logOdds += EVIDENCE.name_in_text.agree;
    out.reasons |= BIT.name_in_text;
  }
  return out;
}

const fragmentAgrees = (fragments: readonly string[], t: ScoreTarget) =>
  fragments.some((f) => t.names.some((n) => fragmentSimilarity(f, n) >= EVIDENCE.name_in_text.similarity));

/**
 * True when only a name fragment names the candidate (no number, printed number or whole name agrees): it may be
 * ranked, never proposed with confidence, whatever else (an HP, an illustrator) agrees.
 */
export const fragmentOnly = (bits: number): boolean =>
  (bits & BIT.name_in_text) !== 0 && (bits & (BIT.number | BIT.name | BIT.number_in_text)) === 0;

const decodedAs = (n: DecodedNumber, t: ScoreTarget) =>
  n.key === t.numberKey && (n.promoSetId === null || n.promoSetId === t.setId) && (n.printedTotal === null || n.printedTotal === t.setPrintedTotal);

/** Adds the evidence of the candidate's printed number found in the raw text (`EVIDENCE.number_in_text`). */
function numberInText(text: TextLines, decoded: readonly DecodedNumber[], t: ScoreTarget, out: CandidateEvidence): void {
  const { exact, oneOff, oneOffLength, minLength } = EVIDENCE.number_in_text;
  let found = decoded.some((n) => decodedAs(n, t)) ? exact : 0;
  for (const shape of t.printedNumbers) {
    if (shape.length < minLength) continue;
    const d = closestIn([shape], text.codes);
    if (d === 0) found = exact;
    else if (d === 1 && shape.length >= oneOffLength) found = Math.max(found, oneOff);
  }
  if (found > 0) {
    out.logOdds += found;
    out.reasons |= BIT.number_in_text;
  }
}

/** True when the candidate's illustrator is found in the raw text (`EVIDENCE.illustrator_in_text`). */
function illustratorInText(text: TextLines, t: ScoreTarget): boolean {
  const { minLength, wrongShare } = EVIDENCE.illustrator_in_text;
  const name = t.illustratorText;
  return name.length >= minLength && closestIn([name], text.names) <= Math.floor(name.length * wrongShare);
}
