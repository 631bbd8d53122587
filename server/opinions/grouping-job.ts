/**
 * What the main thread and the grouping worker say to each other (opinion-grouper.ts, grouping-worker.ts).
 * Both directions are strings: cloning a string across threads is a copy, cloning 10k objects is a
 * walk on the receiving event loop. The answer is one string per group so the main thread can parse
 * it a slice at a time.
 */
import { groupOpinions, type GroupDecision, type OpinionInput } from '../../shared/grouping/cluster';

export interface GroupingJob {
  id: number;
  /** `{ opinions: OpinionInput[], decisions: GroupDecision[] }` as JSON. */
  json: string;
}

export interface GroupingAnswer {
  id: number;
  /** One `OpinionGroup` as JSON per group, in the grouping's order. */
  groupsJson?: string[];
  error?: string;
}

/** The grouping a job asks for, each group as JSON. Pure; runs in the worker (or inline in tests). */
export function groupingAnswer(json: string): string[] {
  const { opinions, decisions } = JSON.parse(json) as { opinions: OpinionInput[]; decisions: GroupDecision[] };
  return groupOpinions(opinions, decisions).map((g) => JSON.stringify(g));
}
