/**
 * An in-memory server speaking sync protocol v1 for the engine's unit tests, with faults on demand:
 * no answer (offline), an answer lost after the change was applied, HTTP errors, and a restore
 * from backup (new epoch, older state).
 */
import { compareHlc } from '../../../shared/hlc';
import type { PulledEntity, PullRequest, PullResponse, PushRequest, PushResponse } from '../../../shared/sync/protocol';
import { TransportError, type SyncTransport } from '../../../extension/sync/transport';

interface ServerRecord {
  id: string;
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
  seq: number;
}

interface State {
  epoch: string;
  seq: number;
  records: Map<string, ServerRecord>;
  /** Task items: only the fields assignees push (progress, status, evidence). */
  items: Map<string, ServerRecord>;
  clients: Map<string, number>;
}

export type Fault = 'offline' | 'lose-reply' | 'http-500' | 'http-401';

const clone = (s: State): State => ({
  epoch: s.epoch,
  seq: s.seq,
  records: new Map([...s.records].map(([k, r]) => [k, structuredClone(r)])),
  items: new Map([...s.items].map(([k, r]) => [k, structuredClone(r)])),
  clients: new Map(s.clients),
});

export class FakeSyncServer implements SyncTransport {
  state: State = { epoch: 'e1', seq: 0, records: new Map(), items: new Map(), clients: new Map() };
  /** Faults applied to the next requests, in order. */
  faults: Fault[] = [];
  /** Every push's mutations as received (to count deliveries). */
  received: { clientId: string; ids: number[] }[] = [];
  /** Records with an even id are refused, to exercise `rejected`. */
  rejectIf: (fields: Record<string, unknown>) => string | null = () => null;
  private backup: State | null = null;

  /** Throws for faults that stop a request before it reaches the server; returns whether to lose the reply. */
  private fault(): boolean {
    const f = this.faults.shift();
    if (f === 'offline') throw new TransportError('offline', '无法连接服务器');
    if (f === 'http-500') throw new TransportError('server', '服务器返回错误：内部错误', 500);
    if (f === 'http-401') throw new TransportError('auth', '令牌无效或已失效', 401);
    return f === 'lose-reply';
  }

  async push(req: PushRequest): Promise<PushResponse> {
    const loseReply = this.fault();
    this.received.push({ clientId: req.clientId, ids: req.mutations.map((m) => m.id) });
    let last = this.state.clients.get(req.clientId) ?? 0;
    const rejected: PushResponse['rejected'] = [];
    for (const m of req.mutations) {
      if (m.id <= last) continue;
      if (m.id > last + 1) break; // a gap: stop, as the protocol says
      const refusal = this.rejectIf(m.fields);
      if (refusal) rejected.push({ id: m.id, code: 'invalid', message: refusal });
      else this.apply(m.entity === 'item' ? this.state.items : this.state.records, m.entityId, m.fields, m.hlc);
      last = m.id;
    }
    this.state.clients.set(req.clientId, last);
    if (loseReply) throw new TransportError('offline', '无法连接服务器');
    return { lastMutationID: last, rejected };
  }

  private apply(into: Map<string, ServerRecord>, id: string, fields: Record<string, unknown>, hlc: string): void {
    const rec = into.get(id) ?? { id, fields: {}, stamps: {}, seq: 0 };
    for (const [k, v] of Object.entries(fields)) {
      const prev = rec.stamps[k];
      if (prev === undefined || compareHlc(hlc, prev) > 0) {
        rec.fields[k] = v;
        rec.stamps[k] = hlc;
      }
    }
    rec.seq = ++this.state.seq;
    into.set(id, rec);
  }

  /** Campaigns and items (e.g. `deleted: true` ones) the next pull reports besides records. */
  announce: PulledEntity[] = [];
  /** Runs while a pull is in flight, before it answers (the user acting meanwhile). */
  duringPull: (() => Promise<void>) | null = null;

  async pull(req: PullRequest): Promise<PullResponse> {
    if (this.fault()) throw new TransportError('offline', '无法连接服务器');
    if (this.duringPull) await this.duringPull();
    const announced = this.announce.splice(0);
    const reset = req.cursor !== null && req.cursor.epoch !== this.state.epoch;
    const from = req.cursor && !reset ? req.cursor.seq : 0;
    const changed = [...this.state.records.values()].filter((r) => r.seq > from).sort((a, b) => a.seq - b.seq);
    const page = changed.slice(0, req.limit);
    const entities: PulledEntity[] = page.map((r) => ({
      entity: 'record',
      id: r.id,
      seq: r.seq,
      data: { ...r.fields, updatedAt: 'x' },
      deleted: r.fields.deleted === true,
    }));
    entities.unshift(...announced);
    const seq = page.at(-1)?.seq ?? (reset ? 0 : from);
    return {
      cursor: { epoch: this.state.epoch, seq: page.length < changed.length ? seq : Math.max(seq, this.state.seq) },
      hasMore: page.length < changed.length,
      reset,
      lastMutationID: this.state.clients.get(req.clientId) ?? 0,
      entities,
    };
  }

  takeBackup(): void {
    this.backup = clone(this.state);
  }

  /** Restores the backup under a new epoch, as an operator restoring from disk would. */
  restoreBackup(): void {
    if (!this.backup) throw new Error('no backup');
    this.state = { ...clone(this.backup), epoch: `e${Math.random().toString(36).slice(2, 8)}` };
  }
}
