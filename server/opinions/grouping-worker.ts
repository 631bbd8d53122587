/**
 * The worker thread that groups opinions (opinion-grouper.ts): grouping 10k distinct opinions
 * takes seconds of CPU, which on the main thread would hold every other request that long.
 * The messages are defined in grouping-job.ts.
 */
import { parentPort } from 'node:worker_threads';
import { shippedPairModel } from '../../shared/grouping/pair-model';
import { GroupingCache, groupingAnswer, type GroupingAnswer, type GroupingJob } from './grouping-job';

const cache = new GroupingCache();

// A worker exists to group: read the pair model (and build its table) as it starts, so that its first job — which
// may be a campaign of a few records — does not pay for it. Only the workers load it; the main thread never does.
shippedPairModel().prepare();

parentPort?.on('message', (job: GroupingJob) => {
  let answer: GroupingAnswer;
  try {
    answer = { id: job.id, ...groupingAnswer(job, cache) };
  } catch (err) {
    answer = { id: job.id, error: (err as Error).message };
  }
  parentPort!.postMessage(answer);
});
