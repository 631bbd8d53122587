/**
 * The sync engine (protocol v1): push the outbox, then pull until caught up; on a new server epoch
 * re-push everything and pull again. It reports a state the user can read and, after a failure,
 * when to try again (exponential backoff); the background turns that into an alarm.
 */
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { SyncState } from '../storage/stored-shapes';
import type { LocalStore } from './local-store';
import { hasGap } from './outbox';
import { TransportError, type SyncTransport } from './transport';

export type { SyncState, SyncStatus } from '../storage/stored-shapes';

export interface SyncEngineOptions {
  store: LocalStore;
  transport: SyncTransport;
  pushBatch?: number;
  pullLimit?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

/** Delay before retry number `attempt` (1-based): base·2^(n-1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export class SyncEngine {
  private running: Promise<SyncState> | null = null;
  private again = false;
  private failures = 0;
  private readonly pushBatch: number;
  private readonly pullLimit: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private lastSyncedAt: number | undefined;

  constructor(private readonly opts: SyncEngineOptions) {
    this.pushBatch = opts.pushBatch ?? 200;
    this.pullLimit = opts.pullLimit ?? 500;
    this.baseDelayMs = opts.baseDelayMs ?? 2_000;
    this.maxDelayMs = opts.maxDelayMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** One sync at a time; a request during a run makes the run go round once more. */
  sync(): Promise<SyncState> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let state: SyncState;
      do {
        this.again = false;
        state = await this.runOnce();
      } while (this.again && state.status === 'synced');
      return state;
    })().finally(() => (this.running = null));
    return this.running;
  }

  /** Resolves when no sync is running (before the store is emptied for another user). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async runOnce(): Promise<SyncState> {
    const { store } = this.opts;
    try {
      // A new epoch needs a second round: re-push everything, then pull from the start.
      for (let round = 0; round < 3; round++) {
        await this.pushAll();
        const reset = await this.pullAll();
        if (!reset) break;
      }
      this.failures = 0;
      this.lastSyncedAt = this.now();
      const pending = (await store.outbox()).length;
      return { status: pending > 0 ? 'pending' : 'synced', pending, lastSyncedAt: this.lastSyncedAt };
    } catch (err) {
      this.failures++;
      const pending = (await store.outbox()).length;
      const retryInMs = backoffDelay(this.failures, this.baseDelayMs, this.maxDelayMs);
      if (err instanceof TransportError && err.failure === 'offline') {
        return { status: 'offline', pending, reason: err.message, retryInMs, lastSyncedAt: this.lastSyncedAt };
      }
      const reason = err instanceof Error ? err.message : String(err);
      return { status: 'error', pending, reason, retryInMs, lastSyncedAt: this.lastSyncedAt };
    }
  }

  private async pushAll(): Promise<void> {
    const { store, transport } = this.opts;
    const { clientId } = await store.meta();
    for (let guard = 0; guard < 10_000; guard++) {
      const outbox = await store.outbox();
      if (outbox.length === 0) return;
      const batch = outbox.slice(0, this.pushBatch);
      const res = await transport.push({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: batch });
      if (hasGap(outbox, res.lastMutationID)) {
        // The server remembers fewer of our mutations than we numbered (restored backup): close the gap and go again.
        await store.renumberOutbox(res.lastMutationID);
        continue;
      }
      const processedBefore = outbox[0]!.id;
      await store.acknowledge(
        res.lastMutationID,
        res.rejected.map((r) => ({ mutationId: r.id, code: r.code, message: r.message, ...(r.field ? { field: r.field } : {}) })),
      );
      // The server stopped short of the batch without a reason we can fix: try later rather than spin.
      if (res.lastMutationID < processedBefore) throw new TransportError('server', '服务器未接受待同步的变更');
    }
  }

  /** Pulls every page; returns true when the server answered with a new epoch. */
  private async pullAll(): Promise<boolean> {
    const { store, transport } = this.opts;
    for (let guard = 0; guard < 10_000; guard++) {
      const meta = await store.meta();
      const res = await transport.pull({ protocolVersion: PROTOCOL_VERSION, clientId: meta.clientId, cursor: meta.cursor, limit: this.pullLimit });
      if (res.reset && meta.cursor !== null) {
        await store.resetForNewEpoch(res.lastMutationID);
        return true;
      }
      await store.applyPull(res.entities, res.cursor);
      if (!res.hasMore) return false;
    }
    return false;
  }
}
