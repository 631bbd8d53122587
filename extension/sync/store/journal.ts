/**
 * The local store's sync bookkeeping: who this client is and whose data it holds (`meta`: client
 * id, owner, pull cursor, mutation numbering, last HLC), the outbox of changes the server has not
 * acknowledged, and the latest refusal per record or item (`rejections`). Methods read and return
 * the writes to make; the facade (../local-store.ts) commits each in one `set`, together with the
 * record or item a new mutation carries.
 */
import { HlcClock } from '../../../shared/hlc';
import type { Cursor } from '../../../shared/sync/protocol';
import type { LocalPatch } from '../../storage/keys';
import type { LocalRecord, OutboxMutation, Rejection, StoreOwner, SyncMeta } from '../../storage/stored-shapes';
import type { LocalArea } from '../../storage/typed-area';
import { acknowledge, renumber } from '../outbox';

/** Refusals kept at most: the latest per record or item, and never an unbounded list. */
const MAX_REJECTIONS = 50;

export function newId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

const freshMeta = (owner?: StoreOwner): SyncMeta => ({ clientId: newId('c'), nextMutationId: 1, cursor: null, lastHlc: null, ...(owner ? { owner } : {}) });

const isRejectionOf = (r: Rejection, entity: string, entityId: string) => r.entity === entity && r.entityId === entityId;

export class Journal {
  private clock: HlcClock | null = null;

  constructor(
    private readonly area: LocalArea,
    private readonly now: () => number,
  ) {}

  /** The meta if there is one yet (reading it never writes). */
  peekMeta(): Promise<SyncMeta | undefined> {
    return this.area.one('meta');
  }

  /** The meta, created (a new client id) on first use; only inside the store's serialized writes. */
  async meta(): Promise<SyncMeta> {
    const got = await this.area.one('meta');
    if (got) return got;
    const fresh = freshMeta();
    await this.area.set({ meta: fresh });
    return fresh;
  }

  async outbox(): Promise<OutboxMutation[]> {
    return (await this.area.one('outbox')) ?? [];
  }

  async rejections(): Promise<Rejection[]> {
    return (await this.area.one('rejections')) ?? [];
  }

  /** A new client for `owner`: new id, numbering from 1, no cursor. */
  startOver(owner: StoreOwner): SyncMeta {
    this.clock = null;
    return freshMeta(owner);
  }

  async bind(owner: StoreOwner): Promise<LocalPatch> {
    return { meta: { ...(await this.meta()), owner } };
  }

  private async tick(meta: SyncMeta): Promise<string> {
    if (!this.clock || this.clock.node !== meta.clientId) {
      this.clock = new HlcClock(meta.clientId, this.now);
      if (meta.lastHlc) this.clock.receive(meta.lastHlc);
    }
    return this.clock.tick();
  }

  /** A change as the next mutation, stamped now: the outbox with it appended and the meta past it. */
  async append(entity: OutboxMutation['entity'], entityId: string, fields: Record<string, unknown>): Promise<LocalPatch> {
    const meta = await this.meta();
    const outbox = await this.outbox();
    const hlc = await this.tick(meta);
    const mutation: OutboxMutation = { id: meta.nextMutationId, entity, entityId, hlc, fields };
    return { outbox: [...outbox, mutation], meta: { ...meta, nextMutationId: meta.nextMutationId + 1, lastHlc: hlc } };
  }

  async isRefused(entity: string, entityId: string): Promise<boolean> {
    return (await this.rejections()).some((r) => isRejectionOf(r, entity, entityId));
  }

  async withoutRefusal(entity: string, entityId: string): Promise<LocalPatch> {
    return { rejections: (await this.rejections()).filter((r) => !isRejectionOf(r, entity, entityId)) };
  }

  /**
   * After a push: forget what the server processed, and keep, per record or item, whether its
   * latest processed write was refused (and why) — a later accepted write clears the refusal.
   */
  async acknowledge(lastMutationID: number, rejected: Omit<Rejection, 'at' | 'entity' | 'entityId'>[]): Promise<LocalPatch> {
    const outbox = await this.outbox();
    const refusedById = new Map(rejected.map((r) => [r.mutationId, r]));
    const latest = new Map((await this.rejections()).map((r) => [`${r.entity}:${r.entityId}`, r]));
    for (const m of outbox) {
      if (m.id > lastMutationID) continue;
      const key = `${m.entity}:${m.entityId}`;
      const refusal = refusedById.get(m.id);
      latest.delete(key);
      if (refusal) latest.set(key, { ...refusal, entity: m.entity, entityId: m.entityId, at: this.now() });
    }
    return { outbox: acknowledge(outbox, lastMutationID), rejections: [...latest.values()].slice(-MAX_REJECTIONS) };
  }

  /** The server counts fewer mutations from us than we sent (restored backup): close the gap. */
  async renumber(lastMutationID: number): Promise<LocalPatch> {
    const meta = await this.meta();
    const outbox = renumber(await this.outbox(), lastMutationID);
    return { outbox, meta: { ...meta, nextMutationId: lastMutationID + 1 + outbox.length } };
  }

  /** A page of a pull was applied: the next pull goes on from `cursor`. */
  async pulledTo(cursor: Cursor): Promise<LocalPatch> {
    return { meta: { ...(await this.meta()), cursor } };
  }

  /**
   * The server's store was restored from a backup (new epoch): every own record (`records`, newest
   * first) is queued again as a full write, numbered after what the server remembers of us, and the
   * next pull starts from the beginning. Pending task-item writes (progress, status, evidence) are
   * not part of a record, so they stay queued, renumbered after the re-pushes; pending record writes
   * are already inside the full writes.
   */
  async restartForEpoch(lastMutationID: number, records: readonly LocalRecord[]): Promise<LocalPatch> {
    const meta = await this.meta();
    const pendingItems = (await this.outbox()).filter((m) => m.entity === 'item');
    const outbox: OutboxMutation[] = [];
    let id = lastMutationID + 1;
    for (const r of records.slice().reverse()) {
      const hlc = await this.tick(meta);
      outbox.push({ id: id++, entity: 'record', entityId: r.id, hlc, fields: { ...r.fields } });
    }
    // They keep their own stamps: the time the assignee made the change is what wins or loses.
    for (const m of pendingItems) outbox.push({ ...m, id: id++ });
    const lastHlc = outbox.filter((m) => m.entity === 'record').at(-1)?.hlc ?? meta.lastHlc;
    return { outbox, meta: { ...meta, nextMutationId: id, cursor: null, lastHlc } };
  }
}
