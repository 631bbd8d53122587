/**
 * The worker thread that groups opinions (opinion-grouper.ts): grouping 10k distinct opinions
 * takes seconds of CPU, which on the main thread would hold every other request that long.
 * Pure: opinions and decisions in, groups out.
 */
import { parentPort } from 'node:worker_threads';
import { groupOpinions, type GroupDecision, type OpinionInput } from '../../shared/grouping/cluster';

export interface GroupingJob {
  id: number;
  /** `{ opinions: OpinionInput[], decisions: GroupDecision[] }` as JSON. */
  json: string;
}

parentPort?.on('message', (job: GroupingJob) => {
  try {
    const { opinions, decisions } = JSON.parse(job.json) as { opinions: OpinionInput[]; decisions: GroupDecision[] };
    parentPort!.postMessage({ id: job.id, groups: groupOpinions(opinions, decisions) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: (err as Error).message });
  }
});
