/** Scores grouping against a labeled opinions file ({about, opinions:[{cluster, category, content, …}]}). */
import { DEFAULT_GROUPING, groupOpinions, type GroupingOptions, type OpinionInput } from './cluster';
import { handEffort, officeEffort, type EffortCount } from './office-effort';
import { pairwiseScore, type PairwiseScore } from './pairwise-metrics';

export interface LabeledOpinion {
  cluster: string;
  category: string;
  content: string;
}

export interface LabeledScore extends PairwiseScore {
  opinions: number;
  clusters: number;
  groups: number;
  /** The office's clicks to reach the true grouping from this one (office-effort.ts). */
  effort: EffortCount;
  /** …and from nothing, merging by hand. */
  byHand: EffortCount;
}

export function scoreLabeled(labeled: readonly LabeledOpinion[], options: GroupingOptions = DEFAULT_GROUPING): LabeledScore {
  const inputs: OpinionInput[] = labeled.map((o, i) => ({
    id: `r${String(i).padStart(5, '0')}`,
    content: o.content,
    category: o.category,
    order: String(i).padStart(5, '0'),
  }));
  const groups = groupOpinions(inputs, [], options);
  const predicted = new Map(groups.flatMap((g) => g.recordIds.map((r) => [r, g.id] as const)));
  const truth = new Map(inputs.map((o, i) => [o.id, labeled[i]!.cluster]));
  return {
    ...pairwiseScore(truth, predicted),
    opinions: labeled.length,
    clusters: new Set(labeled.map((o) => o.cluster)).size,
    groups: groups.length,
    effort: officeEffort(truth, predicted),
    byHand: handEffort(truth),
  };
}

export const WITHOUT_THESAURUS: GroupingOptions = { ...DEFAULT_GROUPING, terms: { ...DEFAULT_GROUPING.terms, concept: 0 } };

/** The method before the text embedding (round 27): the model and the memory with its links decide. */
export const WITHOUT_EMBEDDING: GroupingOptions = { ...DEFAULT_GROUPING, pairModel: { ...DEFAULT_GROUPING.pairModel!, embedding: null } };

/** The method before the memory of known problems (round 23): the pair model alone decides. */
export const WITHOUT_MEMORY: GroupingOptions = { ...DEFAULT_GROUPING, pairModel: { ...DEFAULT_GROUPING.pairModel!, memory: null, embedding: null } };

/** The method before groups merged (round 17): a record joins a group or opens one, and groups never become one. */
export const WITHOUT_MERGING: GroupingOptions = {
  ...DEFAULT_GROUPING,
  pairModel: { ...DEFAULT_GROUPING.pairModel!, mergeCandidates: 0, memory: null, embedding: null },
};
