/**
 * What the main thread and the grouping worker say to each other (opinion-grouper.ts, grouping-worker.ts).
 * Both ways the bulk goes as UTF-8 bytes in buffers handed over (transferred, not copied). The answer's groups,
 * one group's JSON per line: even 10k strings took the main thread 10–25 ms to receive (30k: 50 ms), one block;
 * bytes cost nothing to receive, and the main thread decodes and parses them a slice at a time. The job's
 * opinions, encoded a scan batch at a time: as strings, posting 10k of them was a copy of some 2 MB in one block
 * on the main thread (7 ms and more in a profile of three campaigns regrouping at once, while the workers held
 * both cores); handed over, posting costs nothing there and the worker decodes them.
 */
import type { GroupDecision, OpinionInput } from '../../shared/grouping/cluster';
import { IncrementalReview } from '../../shared/grouping/incremental';
import type { OfficeVerdict, SharedWeights } from '../../shared/grouping/learning';

export interface GroupingJob {
  id: number;
  /** Whose grouping this is: the worker keeps each campaign's own (GroupingCache), never mixing two. */
  campaignId: string;
  /** How many opinions it carries: the scheduler keeps a worker free of campaigns with thousands (campaign-scheduler.ts). */
  records: number;
  /**
   * The campaign's `OpinionInput[]` as JSON in parts, each part the comma-joined JSON of some opinions as UTF-8
   * (the main thread serialises and encodes a slice at a time; one string of 10k opinions would be a stall to join
   * and to post). Posted with `postJob`, which hands the parts' buffers over.
   */
  opinionParts: Uint8Array[];
  /** `{ decisions: GroupDecision[], verdicts: OfficeVerdict[], shared: SharedWeights[] }` as JSON: one campaign's own (shared: what admins gave it). */
  decisionsJson: string;
}

export interface GroupingAnswer {
  id: number;
  /** One `ExplainedGroup` (opinion-items.ts) as JSON per line (UTF-8; JSON never holds a raw newline), in the grouping's order. */
  groups?: Uint8Array;
  /** `Suggestion[]` (shared/grouping/review.ts) as JSON. */
  suggestionsJson?: string;
  error?: string;
}

export interface GroupingResult {
  groups: Uint8Array;
  suggestionsJson: string;
}

/** Where a job goes: a grouping worker (a MessagePort in tests). */
export interface JobPort {
  postMessage(value: GroupingJob, transfer: readonly ArrayBuffer[]): void;
}

/** One part of a job's opinions: the comma-joined JSON of some opinions, as UTF-8 in a buffer of its own. */
export const opinionPart = (opinionsJson: readonly string[]): Uint8Array => new TextEncoder().encode(opinionsJson.join(','));

/** The opinion parts already posted: their buffers went with them. */
const postedParts = new WeakSet<readonly Uint8Array[]>();

/**
 * Sends a job with its opinions' bytes handed over, not copied: afterwards the sender's views of them are empty.
 * Each part is its own buffer (opinionPart: TextEncoder gives one per call), so nothing else goes with them. A job's
 * parts go once: posted again, the message would never arrive (a detached buffer cannot be sent), and its request
 * would wait for ever; refused instead, so it fails and the next request reads the records afresh.
 */
export function postJob(port: JobPort, job: GroupingJob): void {
  if (postedParts.has(job.opinionParts)) throw new Error('分组任务已交给分组线程，不能再次发送');
  port.postMessage(
    job,
    job.opinionParts.map((part) => part.buffer as ArrayBuffer),
  );
  postedParts.add(job.opinionParts);
}

/** Where an answer goes: the worker's parent port (a MessagePort in tests). */
export interface AnswerPort {
  postMessage(value: GroupingAnswer, transfer: readonly ArrayBuffer[]): void;
}

/**
 * Sends an answer with its groups' bytes handed over, not copied: afterwards the sender's view of them is empty.
 * The bytes are the answer's own buffer (TextEncoder gives one per call, never a pool's), so nothing else is lost.
 */
export function postAnswer(port: AnswerPort, answer: GroupingAnswer): void {
  port.postMessage(answer, answer.groups ? [answer.groups.buffer as ArrayBuffer] : []);
}

/** Each group's JSON out of the answer's bytes, in order (decoded one at a time, so the caller may pause between). */
export function* groupLines(groups: Uint8Array): Generator<string> {
  const decoder = new TextDecoder();
  for (let start = 0; start < groups.length; ) {
    let end = groups.indexOf(0x0a, start);
    if (end < 0) end = groups.length;
    if (end > start) yield decoder.decode(groups.subarray(start, end));
    start = end + 1;
  }
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
  const decoder = new TextDecoder();
  const parts = job.opinionParts.filter((part) => part.byteLength > 0).map((part) => decoder.decode(part));
  const opinions = JSON.parse(`[${parts.join(',')}]`) as OpinionInput[];
  // Every opinion the job counts must have come with it: bytes already handed over elsewhere arrive empty, and
  // would group nothing without a word.
  if (opinions.length !== job.records) throw new Error(`分组任务的意见条数不符（应为 ${job.records} 条，收到 ${opinions.length} 条）`);
  const { decisions, verdicts, shared } = JSON.parse(job.decisionsJson) as { decisions: GroupDecision[]; verdicts?: OfficeVerdict[]; shared?: SharedWeights[] };
  const review = cache.engine(job.campaignId, { opinions, decisions, verdicts: verdicts ?? [], shared: shared ?? [] }).review();
  return {
    groups: new TextEncoder().encode(review.groups.map((g) => JSON.stringify({ ...g, why: review.explanations.get(g.id) })).join('\n')),
    suggestionsJson: JSON.stringify(review.suggestions),
  };
}
