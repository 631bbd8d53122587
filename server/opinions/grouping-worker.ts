/**
 * The worker thread that groups opinions (opinion-grouper.ts): grouping 10k distinct opinions
 * takes seconds of CPU, which on the main thread would hold every other request that long.
 * The messages are defined in grouping-job.ts.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { DEFAULT_GROUPING } from '../../shared/grouping/cluster';
import { shippedPairModel } from '../../shared/grouping/pair-model';
import { shippedProblemMemory } from '../../shared/grouping/problem-memory';
import { shippedEmbedding } from '../../shared/grouping/text-embedding';
import { GroupingCache, groupingAnswer, postAnswer, type GroupingAnswer, type GroupingJob } from './grouping-job';

const cache = new GroupingCache();

/**
 * Grouping is background work: this thread yields the CPU to the server's event loop whenever both want it. On a
 * small machine two workers regrouping heavy campaigns otherwise take both cores, and the event loop's slices —
 * each a few milliseconds of work — stretched to tens (the hardening bench measures both). Linux keeps a nice value
 * per thread (setpriority(2)); this thread's id is the last part of /proc/thread-self, read only when that /proc is
 * this process's own (another PID namespace's would name another task). Never raised: a server already started at
 * nice 15 keeps its workers there. Elsewhere, or if refused, nothing changes.
 */
function lowerThisThreadsPriority(): void {
  try {
    if (readlinkSync('/proc/self') !== String(process.pid)) return;
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.max(getPriority(tid), 10));
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}
lowerThisThreadsPriority();

// A worker exists to group: read the pair model (and build its table), index the memory of known problems and read the
// text embedding as it starts, so that its first job — which may be a campaign of a few records — does not pay for them. Only the workers
// load them; the main thread never does.
shippedPairModel().prepare();
if (DEFAULT_GROUPING.pairModel?.memory) shippedProblemMemory(DEFAULT_GROUPING.terms, DEFAULT_GROUPING.pairModel.memory);
if (DEFAULT_GROUPING.pairModel?.embedding) shippedEmbedding();

parentPort?.on('message', (job: GroupingJob) => {
  let answer: GroupingAnswer;
  try {
    answer = { id: job.id, ...groupingAnswer(job, cache) };
  } catch (err) {
    answer = { id: job.id, error: (err as Error).message };
  }
  postAnswer(parentPort!, answer);
});
