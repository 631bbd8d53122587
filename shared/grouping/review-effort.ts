/**
 * The office's effort when it answers the suggestions "可能是同一问题" first (issue 10): a simulated
 * office that knows the true grouping works the review page as it is — it answers the top suggestion
 * with one click (是同一问题 when the two groups' main problems are the same, 不是同一问题 otherwise),
 * the page reloads with the grouping redone under its answers (and, with learning, the weights they
 * taught), and so on until no suggestion is left; then it fixes the rest by hand, counted as
 * office-effort.ts counts it. The sum, per 100 opinions, is set against the count without suggestions.
 */
import { DEFAULT_GROUPING, type GroupDecision, type GroupingOptions, type OpinionGroup, type OpinionInput } from './cluster';
import { campaignReview, DEFAULT_LEARNING, type LearningOptions, type OfficeVerdict } from './learning';
import { officeEffort, type EffortCount } from './office-effort';
import { DEFAULT_REVIEW, reviewOpinions, type ReviewOptions } from './review';

export interface ReviewEffort {
  /** Suggestions answered (one click each). */
  answered: number;
  /** …of which the two groups' main problems were the same (accepted). */
  accepted: number;
  /** accepted / answered: how often a suggestion was right (1 when none was made). */
  precision: number;
  /** What was left to fix by hand after the suggestions. */
  rest: EffortCount;
  total: number;
  per100: number;
}

export interface ReviewSimulation {
  grouping?: GroupingOptions;
  review?: ReviewOptions;
  learning?: LearningOptions;
  /** Stops answering after this many clicks (a safety net; never reached on the bench sets). */
  maxAnswers?: number;
}

/** The true cluster most of a group's records belong to (ties: the label that sorts first). */
function mainCluster(group: OpinionGroup, truth: ReadonlyMap<string, string>): string {
  const counts = new Map<string, number>();
  for (const r of group.recordIds) counts.set(truth.get(r)!, (counts.get(truth.get(r)!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** What the console's 合并 does to the decisions (opinion-groups.ts mergeGroups), for two groups. */
export function mergeDecisions(decisions: readonly GroupDecision[], x: OpinionGroup, y: OpinionGroup): GroupDecision[] {
  const moved = new Set([...x.recordIds, ...y.recordIds]);
  const existing = decisions.find((d) => d.id === x.id && x.manual) ?? decisions.find((d) => d.id === y.id && y.manual);
  const out = decisions.filter((d) => d !== existing).map((d) => ({ ...d, pinnedRecordIds: d.pinnedRecordIds.filter((r) => !moved.has(r)) }));
  out.push(
    existing
      ? {
          ...existing,
          pinnedRecordIds: [...new Set([...existing.pinnedRecordIds, ...moved])],
          excludedRecordIds: existing.excludedRecordIds.filter((r) => !moved.has(r)),
        }
      : { id: x.id, pinnedRecordIds: [...moved], excludedRecordIds: [] },
  );
  return out;
}

export function simulateReviewEffort(inputs: readonly OpinionInput[], truth: ReadonlyMap<string, string>, sim: ReviewSimulation = {}): ReviewEffort {
  const grouping = sim.grouping ?? DEFAULT_GROUPING;
  const options = sim.review ?? DEFAULT_REVIEW;
  const learning = sim.learning ?? DEFAULT_LEARNING;
  const maxAnswers = sim.maxAnswers ?? 3 * inputs.length;
  let decisions: GroupDecision[] = [];
  const verdicts: OfficeVerdict[] = [];
  let answered = 0;
  let accepted = 0;
  let groups: OpinionGroup[];
  for (;;) {
    const review = reviewOpinions(inputs, decisions, campaignReview(inputs, verdicts, grouping, learning), grouping, options);
    groups = review.groups;
    const next = review.suggestions[0];
    if (!next || answered >= maxAnswers) break;
    const [x, y] = next.groupIds.map((id) => groups.find((g) => g.id === id)!) as [OpinionGroup, OpinionGroup];
    answered++;
    if (mainCluster(x, truth) === mainCluster(y, truth)) {
      accepted++;
      decisions = mergeDecisions(decisions, x, y);
      verdicts.push({ answer: 'same', left: [...x.recordIds], right: [...y.recordIds] });
    } else {
      verdicts.push({ answer: 'different', left: [...x.recordIds], right: [...y.recordIds] });
    }
  }
  const predicted = new Map(groups.flatMap((g) => g.recordIds.map((r) => [r, g.id] as const)));
  const rest = officeEffort(truth, predicted);
  const total = answered + rest.total;
  return {
    answered,
    accepted,
    precision: answered === 0 ? 1 : accepted / answered,
    rest,
    total,
    per100: truth.size === 0 ? 0 : (100 * total) / truth.size,
  };
}
