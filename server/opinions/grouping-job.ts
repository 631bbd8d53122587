/**
 * What the main thread and the grouping worker say to each other (opinion-grouper.ts, grouping-worker.ts).
 * Both directions are strings: cloning a string across threads is a copy, cloning 10k objects is a
 * walk on the receiving event loop. The answer is one string per group so the main thread can parse
 * it a slice at a time, and one for the suggestions.
 */
import type { GroupDecision, OpinionInput } from '../../shared/grouping/cluster';
import { campaignReview, type OfficeVerdict } from '../../shared/grouping/learning';
import { reviewOpinions } from '../../shared/grouping/review';

export interface GroupingJob {
  id: number;
  /** `{ opinions: OpinionInput[], decisions: GroupDecision[], verdicts: OfficeVerdict[] }` as JSON: one campaign's own. */
  json: string;
}

export interface GroupingAnswer {
  id: number;
  /** One `ExplainedGroup` (opinion-items.ts) as JSON per group, in the grouping's order. */
  groupsJson?: string[];
  /** `Suggestion[]` (shared/grouping/review.ts) as JSON. */
  suggestionsJson?: string;
  error?: string;
}

export interface GroupingResult {
  groupsJson: string[];
  suggestionsJson: string;
}

/**
 * The grouping a job asks for, each group as JSON with why it holds its records, and the suggestions.
 * The campaign's learning is computed here from the verdicts in the job, which are that campaign's
 * alone: nothing carries over from one job to the next. Pure; runs in the worker (or inline in tests).
 */
export function groupingAnswer(json: string): GroupingResult {
  const { opinions, decisions, verdicts } = JSON.parse(json) as { opinions: OpinionInput[]; decisions: GroupDecision[]; verdicts?: OfficeVerdict[] };
  const review = reviewOpinions(opinions, decisions, campaignReview(opinions, verdicts ?? []));
  return {
    groupsJson: review.groups.map((g) => JSON.stringify({ ...g, why: review.explanations.get(g.id) })),
    suggestionsJson: JSON.stringify(review.suggestions),
  };
}
