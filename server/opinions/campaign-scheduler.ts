/**
 * Who groups next, on which worker (opinion-grouper.ts). A campaign whose regroup takes seconds — a member's
 * quota of near-unique opinions is the most work grouping can be given — must not make every other campaign's
 * office wait behind it. So there are a few workers, and one job per campaign runs at a time: a heavy campaign
 * holds at most one worker while the others serve everyone else, and its next job waits for its own last one
 * (which it would only repeat) rather than taking a second worker.
 *
 * A campaign's job goes back to the worker that ran its last one when that worker is free: the worker keeps the
 * campaign's grouping (grouping-job.ts GroupingCache) and adds new records to it in milliseconds. When it is busy
 * with another campaign the job takes any free worker, which groups from scratch: the same answer, later than
 * the kept one would have been but sooner than waiting. Jobs are started in the order they came, skipping those
 * whose campaign is running.
 *
 * Heavy jobs (a campaign of a thousand records or more; the caller says which) may hold all slots but one: with one
 * campaign per slot, two heavy campaigns regrouping at once used to take both workers, and every other office's
 * list of thirty opinions waited seconds for one of them to finish. Now a slot is always left for the light ones,
 * and a heavy job that finds the others taken waits for a heavy one to finish (it would take seconds anyway).
 */

interface Waiting<J, R> {
  job: J;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface SchedulerOptions<J> {
  /** Whether a job takes seconds; at most `slots − 1` of those run at once (all of them with one slot). */
  heavy?: (job: J) => boolean;
  /** How many campaigns' last slots are remembered. */
  remembered?: number;
}

export class CampaignScheduler<J extends { campaignId: string }, R> {
  private readonly queue: Array<Waiting<J, R>> = [];
  /** The campaign each slot is running, or null when the slot is free. */
  private readonly running: Array<string | null>;
  /** Whether each slot's running job is heavy. */
  private readonly runningHeavy: boolean[];
  private readonly isHeavy: (job: J) => boolean;
  private readonly heavyLimit: number;
  private readonly remembered: number;
  /** Campaign → the slot that ran its last job, the most recently used last (bounded: old ones are forgotten). */
  private readonly home = new Map<string, number>();

  constructor(
    readonly slots: number,
    private readonly run: (slot: number, job: J) => Promise<R>,
    options: SchedulerOptions<J> = {},
  ) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots must be a positive integer: ${slots}`);
    this.running = Array.from({ length: slots }, () => null);
    this.runningHeavy = Array.from({ length: slots }, () => false);
    this.isHeavy = options.heavy ?? (() => false);
    this.heavyLimit = Math.max(1, slots - 1);
    this.remembered = options.remembered ?? 256;
  }

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** How many jobs run and how many wait for a slot (or for their campaign's running one). */
  load(): { running: number; waiting: number; heavy: number } {
    return { running: this.running.filter((c) => c !== null).length, waiting: this.queue.length, heavy: this.runningHeavy.filter(Boolean).length };
  }

  private dispatch(): void {
    // Campaigns with a job left waiting in this pass: their later jobs wait too (a campaign's jobs run in order,
    // even when an older heavy one waits for a slot and a newer one, after withdrawals, would be light).
    const held = new Set<string>();
    for (let k = 0; k < this.queue.length && this.running.includes(null); ) {
      const waiting = this.queue[k]!;
      const campaignId = waiting.job.campaignId;
      const heavy = this.isHeavy(waiting.job);
      if (held.has(campaignId) || this.running.includes(campaignId) || (heavy && this.runningHeavy.filter(Boolean).length >= this.heavyLimit)) {
        held.add(campaignId);
        k++;
        continue;
      }
      this.queue.splice(k, 1);
      this.start(this.slotFor(campaignId), waiting, heavy);
    }
  }

  private slotFor(campaignId: string): number {
    const home = this.home.get(campaignId);
    return home !== undefined && this.running[home] === null ? home : this.running.indexOf(null);
  }

  private start(slot: number, { job, resolve, reject }: Waiting<J, R>, heavy: boolean): void {
    const campaignId = job.campaignId;
    this.running[slot] = campaignId;
    this.runningHeavy[slot] = heavy;
    this.home.delete(campaignId);
    this.home.set(campaignId, slot);
    for (const oldest of this.home.keys()) {
      if (this.home.size <= this.remembered) break;
      this.home.delete(oldest);
    }
    let outcome: Promise<R>;
    try {
      outcome = this.run(slot, job);
    } catch (err) {
      outcome = Promise.reject(err);
    }
    // The slot is free (and the next job started) before the caller hears, so what it asks next sees the slot free.
    const done = () => {
      this.running[slot] = null;
      this.runningHeavy[slot] = false;
      this.dispatch();
    };
    outcome.then(
      (result) => {
        done();
        resolve(result);
      },
      (err) => {
        done();
        reject(err);
      },
    );
  }
}
