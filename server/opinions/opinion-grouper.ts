/**
 * The consolidated opinion list of each campaign, grouped off the event loop. Grouping runs in a
 * worker thread (grouping-worker.ts), so while an office view regroups thousands of opinions every
 * other request is still served. The result is kept per campaign until a record or a decision
 * changes; requests that arrive while the same grouping runs share it. With the items come the
 * suggestions "可能是同一问题" the same grouping found (opinion-review.ts answers them).
 *
 * Whether anything changed is asked of the store's change feed since the grouping was made (or last
 * found current), not by loading the campaign's records: on PostgreSQL a request for a current grouping
 * reads only the changes since, and the records are read (a batch at a time, keeping only the live
 * opinions) only to group them again. Another server's write shows in the feed, so the cache is never stale.
 *
 * Built once per app (app.ts) and handed to the routes: one cache, and a few workers shared out by
 * campaign-scheduler.ts, so that one campaign's long regroup holds one worker while the others serve the rest.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { termWords, type Suggestion } from '../../shared/grouping/review';
import type { GroupDoc, RecordDoc, Store } from '../store/store';
import {
  decisionsOf,
  isLiveOpinion,
  itemOf,
  opinionInput,
  sharedOf,
  sourceOf,
  verdictsOf,
  type ExplainedGroup,
  type OpinionItem,
  type OpinionSource,
} from './opinion-items';
import { yieldToOthers } from '../http/yielding';
import { CampaignScheduler } from './campaign-scheduler';
import { GroupingCache, groupingAnswer, groupLines, opinionPart, postJob, type GroupingAnswer, type GroupingJob, type GroupingResult } from './grouping-job';

/** A suggestion "可能是同一问题" between two of the campaign's items, its linking terms as the office reads them. */
export interface OpinionSuggestion {
  /** The two items, older first (accepting keeps the first id, or the manual one's, as 合并 does). */
  groupIds: [string, string];
  similarity: number;
  terms: Array<{ term: string; label: string }>;
}

/** The campaign's opinion items and the suggestions between them, from one grouping. */
export interface OpinionReview {
  items: OpinionItem[];
  suggestions: OpinionSuggestion[];
}

interface Entry {
  epoch: string;
  /** Every change up to this seq is in the grouping (a later one may be too: it is then grouped again, harmlessly). */
  seenSeq: number;
  review: Promise<OpinionReview>;
}

const toSuggestion = (s: Suggestion): OpinionSuggestion => ({
  groupIds: s.groupIds,
  similarity: Math.round(s.similarity * 1000) / 1000,
  terms: s.terms.map((term) => ({ term, label: termWords(term).label })),
});

/** tsx's ESM register API, found from our own file (its package maps `tsx/esm/api` to this file for import). */
const tsxRegisterUrl = (from: string) => pathToFileURL(join(dirname(createRequire(from).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/**
 * The items of the worker's groups, a slice at a time: a group may hold thousands of records, so a slice counts
 * records, and groups too (decoding and parsing one is most of the cost when each holds one record, as near-unique
 * opinions do), and may end inside a group. 400 keeps a slice near 5 ms here; at 1,000 records, slices of
 * one-record groups took 12–34 ms while other workers held both cores (the hardening bench).
 */
async function itemsInSlices(groups: Uint8Array, byId: ReadonlyMap<string, RecordDoc>, budget = 400): Promise<OpinionItem[]> {
  const items: OpinionItem[] = [];
  let spent = 0;
  const spend = async () => {
    if (++spent > budget) {
      await yieldToOthers();
      spent = 0;
    }
  };
  for (const json of groupLines(groups)) {
    await spend();
    const group = JSON.parse(json) as ExplainedGroup;
    const sources: OpinionSource[] = [];
    for (const id of group.recordIds) {
      await spend();
      sources.push(sourceOf(byId.get(id)!));
    }
    items.push(itemOf(group, sources));
  }
  return items;
}

/**
 * Three workers: one campaign's regroup of a member's quota of near-unique opinions takes seconds, and with one
 * worker every other campaign's office waited that long; with two, two such campaigns at once did the same. So
 * two workers may hold heavy campaigns (a campaign holds at most one) and the third is kept for the rest
 * (campaign-scheduler.ts). A worker starts on its first job, and a job takes the lowest free one, so the third starts
 * only once three groupings have run at the same time (each worker costs the pair model's ~36 MB).
 */
export const GROUPING_WORKERS = 3;

/**
 * A campaign with this many opinions is heavy: grouping it from scratch takes a tenth of a second or more (this
 * machine: 1,000 distinct opinions ~0.1 s, 4,000 ~0.5 s, a member's quota of 10k near-unique ones seconds), so it
 * must not take the worker kept for the rest. A heavy campaign's job that only adds records is quick but still
 * counted heavy: the main thread cannot know whether its worker still keeps the grouping.
 */
export const HEAVY_JOB_RECORDS = 1_000;

export class OpinionGrouper {
  private readonly entries = new Map<string, Entry>();
  private readonly workers: Array<Worker | null>;
  private readonly scheduler: CampaignScheduler<GroupingJob, GroupingResult>;
  private nextJob = 1;
  /** Each job answers with one JSON string per group (see grouping-worker.ts), from the worker it went to. */
  private readonly pending = new Map<number, { worker: Worker; resolve: (result: GroupingResult) => void; reject: (e: Error) => void }>();
  /** Inline mode's own cache (each worker keeps its own). */
  private readonly inlineCache = new GroupingCache();

  /** `inline` groups on the calling thread (for pure unit tests and tiny tools); the server uses the workers. */
  constructor(
    private readonly mode: 'worker' | 'inline' = 'worker',
    workers = GROUPING_WORKERS,
    /** Jobs of at least this many opinions are heavy (Infinity: none is, every worker takes any job). */
    heavyFrom = HEAVY_JOB_RECORDS,
  ) {
    this.workers = Array.from({ length: workers }, () => null);
    this.scheduler = new CampaignScheduler(workers, (slot, job) => this.runOn(slot, job), { heavy: (job) => job.records >= heavyFrom });
  }

  async items(store: Store, campaignId: string): Promise<OpinionItem[]> {
    return (await this.review(store, campaignId)).items;
  }

  /** The items and the suggestions between them; one grouping for both, cached like the items. */
  async review(store: Store, campaignId: string): Promise<OpinionReview> {
    // Read first: every change up to it is either in what is read next or found by the next check.
    const { epoch, seq } = await store.meta();
    const hit = this.entries.get(campaignId);
    if (hit && hit.epoch === epoch) {
      const ofCampaign = ({ doc }: { doc: RecordDoc | GroupDoc }) => doc.campaignId === campaignId;
      const changed = await store.changedSince(['records', 'groups'], hit.seenSeq, 1, ofCampaign);
      if (changed.length === 0) {
        if (this.entries.get(campaignId) === hit) hit.seenSeq = Math.max(hit.seenSeq, seq);
        return hit.review;
      }
    }
    const review = this.load(store, campaignId);
    this.entries.set(campaignId, { epoch, seenSeq: seq, review });
    // A failed grouping is not cached: the next request tries again.
    review.catch(() => {
      if (this.entries.get(campaignId)?.review === review) this.entries.delete(campaignId);
    });
    return review;
  }

  /**
   * The campaign's live opinions (read in batches; its study and talk records are not kept) and decisions,
   * grouped. Each batch is also serialised as it comes, so the job is ready when the scan ends: everything on
   * this thread is done in slices (http/yielding.ts); the grouping itself runs in the worker.
   */
  private async load(store: Store, campaignId: string): Promise<OpinionReview> {
    const byId = new Map<string, RecordDoc>();
    const opinionParts: Uint8Array[] = [];
    for await (const batch of store.scan('records', { campaignId })) {
      const parts: string[] = [];
      for (const r of batch) {
        if (!isLiveOpinion(r)) continue;
        byId.set(r.id, r);
        parts.push(JSON.stringify(opinionInput(r)));
      }
      opinionParts.push(opinionPart(parts));
    }
    const groups = await store.find('groups', { campaignId });
    // Only this campaign's decisions and verdicts go with the job, and what an admin shared with it: what it learns stays its own.
    const decisionsJson = JSON.stringify({ decisions: decisionsOf(groups), verdicts: verdictsOf(groups), shared: sharedOf(groups) });
    const result = await this.group({ id: 0, campaignId, records: byId.size, opinionParts, decisionsJson });
    const items = await itemsInSlices(result.groups, byId);
    return { items, suggestions: (JSON.parse(result.suggestionsJson) as Suggestion[]).map(toSuggestion) };
  }

  /** The ids of the campaign's opinion items (what a problem may name as its source). */
  async itemIds(store: Store, campaignId: string): Promise<Set<string>> {
    return new Set((await this.items(store, campaignId)).map((i) => i.id));
  }

  /** Groupings running in the workers and waiting for one. */
  jobs(): { running: number; waiting: number; heavy: number } {
    return this.scheduler.load();
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0, this.workers.length, ...this.workers.map(() => null));
    await Promise.all(workers.map((w) => w?.terminate()));
  }

  private group(job: GroupingJob): Promise<GroupingResult> {
    if (this.mode === 'inline') return Promise.resolve(groupingAnswer(job, this.inlineCache));
    return this.scheduler.submit(job);
  }

  /** One job on the worker of that slot (the scheduler gives a slot one job at a time). */
  private runOn(slot: number, job: GroupingJob): Promise<GroupingResult> {
    const worker = this.ensureWorker(slot);
    const id = this.nextJob++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      // Bytes handed over rather than 10k objects (a walk to clone) or strings (a copy on this thread).
      try {
        postJob(worker, { ...job, id });
      } catch (err) {
        this.pending.delete(id);
        reject(err);
      }
    });
  }

  private ensureWorker(slot: number): Worker {
    const existing = this.workers[slot];
    if (existing) return existing;
    const here = import.meta.url;
    const script = new URL(`./grouping-worker.${here.endsWith('.ts') ? 'ts' : 'js'}`, here).href;
    // From TypeScript sources (development, tests) the worker first registers the same loader we run under.
    const worker = here.endsWith('.ts')
      ? new Worker(`import(${JSON.stringify(tsxRegisterUrl(here))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`, {
          eval: true,
        })
      : new Worker(new URL(script));
    worker.unref();
    worker.on('message', (msg: GroupingAnswer) => {
      const job = this.pending.get(msg.id);
      if (!job) return;
      this.pending.delete(msg.id);
      if (msg.groups && msg.suggestionsJson !== undefined) job.resolve({ groups: msg.groups, suggestionsJson: msg.suggestionsJson });
      else job.reject(new Error(`意见分组失败：${msg.error ?? '未知错误'}`));
    });
    // A worker that dies fails only the job it was running (its 'exit' may come after the slot has a new
    // worker and job); the next job on its slot starts a new one.
    const fail = (err: Error) => {
      if (this.workers[slot] === worker) this.workers[slot] = null;
      for (const [id, job] of this.pending) {
        if (job.worker !== worker) continue;
        this.pending.delete(id);
        job.reject(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`意见分组线程意外退出（${code}）`)));
    this.workers[slot] = worker;
    return worker;
  }
}
