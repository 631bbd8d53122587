/**
 * The worker thread that groups opinions (opinion-grouper.ts): grouping 10k distinct opinions
 * takes seconds of CPU, which on the main thread would hold every other request that long.
 * The messages are defined in grouping-job.ts.
 */
import { parentPort } from 'node:worker_threads';
import { GroupingCache, groupingAnswer, type GroupingAnswer, type GroupingJob } from './grouping-job';

const cache = new GroupingCache();

parentPort?.on('message', (job: GroupingJob) => {
  let answer: GroupingAnswer;
  try {
    answer = { id: job.id, ...groupingAnswer(job, cache) };
  } catch (err) {
    answer = { id: job.id, error: (err as Error).message };
  }
  parentPort!.postMessage(answer);
});
