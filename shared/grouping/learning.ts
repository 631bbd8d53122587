/**
 * What one campaign's grouping learns from its own office (issue 10): term weights from the office's
 * answers. Computed from that campaign's verdicts alone, every time it is grouped, so nothing learnt
 * in one campaign can reach another (the server passes each campaign only its own verdicts).
 *
 * - "是同一问题" (an accepted suggestion, a merge): the terms both sides share are evidence that such
 *   terms link the same problem in this campaign — their weight goes up.
 * - "不是同一问题" (a rejected suggestion, a split): the terms both sides share misled the grouping —
 *   their weight goes down, so what distinguishes the two (the rest of each text) counts for more.
 *
 * Each verdict moves a term's weight by one step (multiplicatively), within [min, max]: a few answers
 * nudge the campaign's similarity, they never switch a term off or let one term decide alone.
 *
 * Another campaign's learning reaches this one only when an admin shares it (server/opinions/
 * shared-learning.ts): a snapshot of that campaign's weights, passed here as `shared` and multiplied
 * with this campaign's own, within the same bounds.
 */
import { DEFAULT_GROUPING, type ApartDecision, type CampaignReview, type GroupingOptions, type OpinionInput } from './cluster';
import { tokenize } from './tokenize';

export interface OfficeVerdict extends ApartDecision {
  answer: 'same' | 'different';
}

export interface LearningOptions {
  /** How far one verdict moves a term's weight: ×(1 + step) up, ×(1 − step) down. 0 learns nothing. */
  step: number;
  min: number;
  max: number;
}

/**
 * Measured on the tuning sets with the simulated office (review-effort.ts): step 0.1 took heldout from
 * 51 to 49 clicks per 100 and reference from 8 to 11 (one click on 36 opinions); 0.25 and 0.5 cost
 * clicks on both. A small step, then: the learning is a nudge, and the bench reports what it does.
 */
export const DEFAULT_LEARNING: LearningOptions = { step: 0.1, min: 0.5, max: 2 };

/** Terms found in more than half of the records of each side (present at all when a side is one record). */
function sharedTerms(v: OfficeVerdict, termsOf: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const majority = (ids: readonly string[]) => {
    const sets = ids.map((id) => termsOf.get(id)).filter((s): s is ReadonlySet<string> => s !== undefined);
    const counts = new Map<string, number>();
    for (const s of sets) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1);
    return new Set([...counts].filter(([, n]) => n * 2 > sets.length).map(([t]) => t));
  };
  const left = majority(v.left);
  const right = majority(v.right);
  return [...left].filter((t) => right.has(t));
}

export function learnTermWeights(
  opinions: readonly OpinionInput[],
  verdicts: readonly OfficeVerdict[],
  grouping: GroupingOptions = DEFAULT_GROUPING,
  options: LearningOptions = DEFAULT_LEARNING,
): Map<string, number> {
  const weights = new Map<string, number>();
  if (options.step === 0 || verdicts.length === 0) return weights;
  const wanted = new Set(verdicts.flatMap((v) => [...v.left, ...v.right]));
  const termsOf = new Map(opinions.filter((o) => wanted.has(o.id)).map((o) => [o.id, new Set(tokenize(o.content, grouping.terms).keys())]));
  // Counted first, applied after: the result does not depend on the order the verdicts came in.
  const net = new Map<string, number>();
  for (const v of verdicts) {
    const delta = v.answer === 'same' ? 1 : -1;
    for (const t of sharedTerms(v, termsOf)) net.set(t, (net.get(t) ?? 0) + delta);
  }
  for (const [t, n] of net) {
    if (n === 0) continue;
    const w = n > 0 ? (1 + options.step) ** n : (1 - options.step) ** -n;
    weights.set(t, Math.min(options.max, Math.max(options.min, w)));
  }
  return weights;
}

/** Term weights another campaign learnt, as an admin shared them: [term, weight] pairs. */
export type SharedWeights = ReadonlyArray<readonly [term: string, weight: number]>;

/**
 * This campaign's own weights with the shared ones multiplied in, within [min, max]. A shared weight
 * outside the bounds (a tampered or older snapshot) is held to them too.
 */
export function withShared(
  own: ReadonlyMap<string, number>,
  shared: readonly SharedWeights[],
  options: LearningOptions = DEFAULT_LEARNING,
): Map<string, number> {
  const out = new Map(own);
  for (const weights of shared) {
    for (const [t, w] of weights) if (Number.isFinite(w) && w > 0) out.set(t, (out.get(t) ?? 1) * w);
  }
  for (const [t, w] of out) {
    const bounded = Math.min(options.max, Math.max(options.min, w));
    if (bounded === 1) out.delete(t);
    else out.set(t, bounded);
  }
  return out;
}

/**
 * A campaign's review constraints from its verdicts: the "different" ones stay apart, all of them teach
 * weights; `shared` adds what other campaigns learnt, when an admin shared it (never their apart pairs:
 * those name the other campaign's records).
 */
export function campaignReview(
  opinions: readonly OpinionInput[],
  verdicts: readonly OfficeVerdict[],
  grouping: GroupingOptions = DEFAULT_GROUPING,
  learning: LearningOptions = DEFAULT_LEARNING,
  shared: readonly SharedWeights[] = [],
): CampaignReview {
  const own = learnTermWeights(opinions, verdicts, grouping, learning);
  return {
    apart: verdicts.filter((v) => v.answer === 'different').map(({ left, right }) => ({ left, right })),
    termWeights: shared.length === 0 ? own : withShared(own, shared, learning),
  };
}
