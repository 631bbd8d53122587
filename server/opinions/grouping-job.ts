/**
 * What the main thread and the grouping worker say to each other (opinion-grouper.ts, grouping-worker.ts).
 * Both directions are strings: cloning a string across threads is a copy, cloning 10k objects is a
 * walk on the receiving event loop. The answer is one string per group so the main thread can parse
 * it a slice at a time, and one for the suggestions.
 */
import type { GroupDecision, OpinionInput } from '../../shared/grouping/cluster';
import { IncrementalReview } from '../../shared/grouping/incremental';
import type { OfficeVerdict, SharedWeights } from '../../shared/grouping/learning';

export interface GroupingJob {
  id: number;
  /** Whose grouping this is: the worker keeps each campaign's own (GroupingCache), never mixing two. */
  campaignId: string;
  /**
   * The campaign's `OpinionInput[]` as JSON in parts, each part the comma-joined JSON of some opinions
   * (the main thread serialises a slice at a time; one string of 10k opinions would be a stall to join and to post).
   */
  opinionsJson: string[];
  /** `{ decisions: GroupDecision[], verdicts: OfficeVerdict[], shared: SharedWeights[] }` as JSON: one campaign's own (shared: what admins gave it). */
  decisionsJson: string;
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
 * The campaigns' groupings kept between jobs, the most recently used few: a job that only brings new
 * records is answered by adding them (shared/grouping/incremental.ts, milliseconds) instead of grouping
 * every record again; anything else regroups, with the same answer either way. Each campaign's engine
 * is built from that campaign's job alone, so nothing one learns reaches another.
 */
export class GroupingCache {
  private readonly engines = new Map<string, IncrementalReview>();

  constructor(private readonly campaigns = 4) {}

  engine(campaignId: string, input: ConstructorParameters<typeof IncrementalReview>[0]): IncrementalReview {
    let engine = this.engines.get(campaignId);
    if (engine) {
      this.engines.delete(campaignId);
      engine.update(input);
    } else {
      engine = new IncrementalReview(input);
    }
    this.engines.set(campaignId, engine);
    for (const oldest of this.engines.keys()) {
      if (this.engines.size <= this.campaigns) break;
      this.engines.delete(oldest);
    }
    return engine;
  }
}

/**
 * The grouping a job asks for, each group as JSON with why it holds its records, and the suggestions.
 * The campaign's learning is computed from the verdicts in the job, which are that campaign's alone.
 * Runs in the worker (or inline in tests), with that thread's cache.
 */
export function groupingAnswer(job: GroupingJob, cache: GroupingCache): GroupingResult {
  const opinions = JSON.parse(`[${job.opinionsJson.filter((part) => part !== '').join(',')}]`) as OpinionInput[];
  const { decisions, verdicts, shared } = JSON.parse(job.decisionsJson) as { decisions: GroupDecision[]; verdicts?: OfficeVerdict[]; shared?: SharedWeights[] };
  const review = cache.engine(job.campaignId, { opinions, decisions, verdicts: verdicts ?? [], shared: shared ?? [] }).review();
  return {
    groupsJson: review.groups.map((g) => JSON.stringify({ ...g, why: review.explanations.get(g.id) })),
    suggestionsJson: JSON.stringify(review.suggestions),
  };
}
