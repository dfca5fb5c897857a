import type { Candidate, CardFeatures } from "@poke-ventory/contracts";
import type { CardCatalog } from "./ports";

/**
 * A {@link CardCatalog} over matching's ranking: a number is confirmed when the best candidate scores at least
 * `threshold` (the score at which a card is proposed to the collector) and its collector number is among the fields
 * that agree ({@link numberConfirmed}); a name is known when it is among the best candidate's agreeing fields. After
 * a ranking fails (matching unreachable or too slow), it confirms and knows nothing and is not asked again: the cards
 * are read on as without a catalog (rankings already asked may still fail; the failure is logged once). The service
 * makes one per image.
 */
export function rankingCatalog(rank: (features: CardFeatures) => Promise<Candidate[]>, threshold: number, log: (msg: string) => void): CardCatalog {
  let failed = false;
  const ask = async (features: CardFeatures, answer: (candidates: Candidate[]) => boolean) => {
    if (failed) return false;
    try {
      return answer(await rank(features));
    } catch (err) {
      if (!failed) log(`catalog checks skipped, cards read without them: ${(err as Error).message}`);
      failed = true;
      return false;
    }
  };
  return {
    confirmsNumber: (features) => ask(features, (candidates) => numberConfirmed(candidates, threshold)),
    knowsName: (features) => ask(features, (candidates) => candidates[0]?.reasons.includes("name") ?? false),
  };
}

/** True when the best of `candidates` scores at least `threshold` with its collector number agreeing. */
export function numberConfirmed(candidates: readonly Candidate[], threshold: number): boolean {
  const [best] = candidates;
  return !!best && best.score >= threshold && best.reasons.includes("number");
}
