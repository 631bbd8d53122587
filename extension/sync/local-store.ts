/**
 * The extension's own store (records, outbox, pulled campaigns and task items) over a key-value
 * area. Writes are serialized through one queue and each change is a single `set`, so a record
 * and the outbox mutation that carries it are stored together or not at all.
 */
import type { Campaign } from '../../shared/model/campaign';
import { HlcClock } from '../../shared/hlc';
import type { Cursor, PulledEntity } from '../../shared/sync/protocol';
import type { KvArea } from './kv-area';
import { acknowledge, changedFields, overlay, renumber, type OutboxMutation } from './outbox';
import type { StoreOwner } from './owner';

export interface LocalRecord {
  id: string;
  /** What the server last said (empty until the first pull that includes it). */
  base: Record<string, unknown>;
  /** `base` with this client's pending writes replayed: what the user sees. */
  fields: Record<string, unknown>;
  /** Local wall time of the last change, for sorting. */
  updatedAt: number;
}

export interface LocalItem {
  id: string;
  base: Record<string, unknown>;
  fields: Record<string, unknown>;
}

export interface SyncMeta {
  clientId: string;
  nextMutationId: number;
  cursor: Cursor | null;
  lastHlc: string | null;
  /** Whose data this is; absent in stores from before it was recorded (see ./owner.ts). */
  owner?: StoreOwner;
}

export interface Rejection {
  mutationId: number;
  entity: string;
  entityId: string;
  code: string;
  message: string;
  field?: string;
  at: number;
}

const META = 'meta';
const OUTBOX = 'outbox';
const CAMPAIGNS = 'campaigns';
const ITEMS = 'items';
const REJECTIONS = 'rejections';
const RECORD_PREFIX = 'rec:';

export function newId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

export class LocalStore {
  private queue: Promise<unknown> = Promise.resolve();
  private clock: HlcClock | null = null;

  constructor(
    private readonly area: KvArea,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `task` after every earlier write: one writer, in order. */
  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async meta(): Promise<SyncMeta> {
    const got = (await this.area.get([META]))[META] as SyncMeta | undefined;
    return got ?? this.serialize(() => this.loadMeta());
  }

  /** Reads the meta, creating it (a new clientId) on first use; only inside a serialized task. */
  private async loadMeta(): Promise<SyncMeta> {
    const got = (await this.area.get([META]))[META] as SyncMeta | undefined;
    if (got) return got;
    const fresh: SyncMeta = { clientId: newId('c'), nextMutationId: 1, cursor: null, lastHlc: null };
    await this.area.set({ [META]: fresh });
    return fresh;
  }

  async owner(): Promise<StoreOwner | null> {
    return (await this.meta()).owner ?? null;
  }

  /** Binds the store to `owner` (first connection, or the same user with a new token), keeping its data. */
  bindOwner(owner: StoreOwner): Promise<void> {
    return this.serialize(async () => {
      const meta = await this.loadMeta();
      await this.area.set({ [META]: { ...meta, owner } });
    });
  }

  /**
   * Another user or server: a new client id and an empty store (records, outbox, cursor, campaigns,
   * items, refusals) bound to `owner`. Callers make sure nothing unsynced is lost without the user's word.
   */
  startOver(owner: StoreOwner): Promise<void> {
    return this.serialize(async () => {
      const all = await this.area.get(null);
      const gone = Object.keys(all).filter((k) => k.startsWith(RECORD_PREFIX) || [OUTBOX, CAMPAIGNS, ITEMS, REJECTIONS].includes(k));
      const fresh: SyncMeta = { clientId: newId('c'), nextMutationId: 1, cursor: null, lastHlc: null, owner };
      // Data first, then the new owner: should this stop half way, the store is still bound to the
      // old owner and the next connection starts over again, rather than a new client id carrying old records.
      await this.area.remove(gone);
      await this.area.set({ [META]: fresh });
      this.clock = null;
    });
  }

  private async tick(meta: SyncMeta): Promise<string> {
    if (!this.clock || this.clock.node !== meta.clientId) {
      this.clock = new HlcClock(meta.clientId, this.now);
      if (meta.lastHlc) this.clock.receive(meta.lastHlc);
    }
    return this.clock.tick();
  }

  async outbox(): Promise<OutboxMutation[]> {
    return ((await this.area.get([OUTBOX]))[OUTBOX] as OutboxMutation[] | undefined) ?? [];
  }

  async getRecord(id: string): Promise<LocalRecord | null> {
    return ((await this.area.get([RECORD_PREFIX + id]))[RECORD_PREFIX + id] as LocalRecord | undefined) ?? null;
  }

  /** Every local record, newest change first (tombstones included; callers filter). */
  async listRecords(): Promise<LocalRecord[]> {
    const all = await this.area.get(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith(RECORD_PREFIX))
      .map(([, v]) => v as LocalRecord)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async campaigns(): Promise<Campaign[]> {
    const map = ((await this.area.get([CAMPAIGNS]))[CAMPAIGNS] as Record<string, Campaign> | undefined) ?? {};
    return Object.values(map);
  }

  /**
   * Campaigns also arrive from `GET /me`, which answers before the first pull does and lists every
   * campaign I am in: one missing from it is one I was removed from, so it and its tasks go.
   */
  async putCampaigns(list: Campaign[]): Promise<void> {
    await this.serialize(async () => {
      const got = await this.area.get([ITEMS]);
      const map = Object.fromEntries(list.map((c) => [c.id, c]));
      const items = Object.fromEntries(
        Object.entries((got[ITEMS] as Record<string, LocalItem> | undefined) ?? {}).filter(
          ([, i]) => typeof i.fields.campaignId !== 'string' || Object.hasOwn(map, i.fields.campaignId),
        ),
      );
      await this.area.set({ [CAMPAIGNS]: map, [ITEMS]: items });
    });
  }

  async items(): Promise<LocalItem[]> {
    return Object.values(((await this.area.get([ITEMS]))[ITEMS] as Record<string, LocalItem> | undefined) ?? {});
  }

  async rejections(): Promise<Rejection[]> {
    return ((await this.area.get([REJECTIONS]))[REJECTIONS] as Rejection[] | undefined) ?? [];
  }

  /**
   * Creates or edits a record: only the fields that changed travel, in one mutation stamped now.
   * Returns the record as the user now sees it.
   */
  saveRecord(id: string | null, fields: Record<string, unknown>): Promise<LocalRecord> {
    return this.serialize(async () => {
      const meta = await this.loadMeta();
      const recordId = id ?? newId('r');
      const key = RECORD_PREFIX + recordId;
      const got = await this.area.get([key, OUTBOX, REJECTIONS]);
      const prev = (got[key] as LocalRecord | undefined) ?? { id: recordId, base: {}, fields: {}, updatedAt: 0 };
      const outbox = (got[OUTBOX] as OutboxMutation[] | undefined) ?? [];
      const rejections = (got[REJECTIONS] as Rejection[] | undefined) ?? [];
      const next = { ...prev.fields, ...changedFields(prev.fields, fields) };
      // The server never applied a refused write, so a re-save carries everything the server lacks,
      // not just what changed since the refused attempt (a refused new record goes again whole).
      const refused = rejections.some((r) => isRejectionOf(r, 'record', recordId));
      const changes = refused ? changedFields(prev.base, next) : changedFields(prev.fields, fields);
      if (Object.keys(changes).length === 0) {
        // Saved back to exactly what the server has: nothing is pending, so nothing is refused either.
        if (refused) await this.area.set({ [REJECTIONS]: rejections.filter((r) => !isRejectionOf(r, 'record', recordId)) });
        return prev;
      }
      const record: LocalRecord = { ...prev, fields: next, updatedAt: this.now() };
      const hlc = await this.tick(meta);
      const mutation: OutboxMutation = { id: meta.nextMutationId, entity: 'record', entityId: recordId, hlc, fields: changes };
      await this.area.set({
        [key]: record,
        [OUTBOX]: [...outbox, mutation],
        [META]: { ...meta, nextMutationId: meta.nextMutationId + 1, lastHlc: hlc },
      });
      return record;
    });
  }

  /** Deleting is a tombstone: the record stays, marked `deleted`, and the server keeps it too. */
  deleteRecord(id: string): Promise<LocalRecord> {
    return this.saveRecord(id, { deleted: true });
  }

  /** An assignee's progress on a task item (`progress`, `status`, `evidence`). */
  updateItem(id: string, fields: Record<string, unknown>): Promise<LocalItem> {
    return this.serialize(async () => {
      const meta = await this.loadMeta();
      const got = await this.area.get([ITEMS, OUTBOX]);
      const items = (got[ITEMS] as Record<string, LocalItem> | undefined) ?? {};
      const outbox = (got[OUTBOX] as OutboxMutation[] | undefined) ?? [];
      const prev = items[id] ?? { id, base: {}, fields: {} };
      const changes = changedFields(prev.fields, fields);
      if (Object.keys(changes).length === 0) return prev;
      const item: LocalItem = { ...prev, fields: { ...prev.fields, ...changes } };
      const hlc = await this.tick(meta);
      const mutation: OutboxMutation = { id: meta.nextMutationId, entity: 'item', entityId: id, hlc, fields: changes };
      await this.area.set({
        [ITEMS]: { ...items, [id]: item },
        [OUTBOX]: [...outbox, mutation],
        [META]: { ...meta, nextMutationId: meta.nextMutationId + 1, lastHlc: hlc },
      });
      return item;
    });
  }

  /**
   * After a push: forget what the server processed, and keep, per record or item, whether its
   * latest processed write was refused (and why) — a later accepted write clears the refusal.
   */
  acknowledge(lastMutationID: number, rejected: Omit<Rejection, 'at' | 'entity' | 'entityId'>[]): Promise<void> {
    return this.serialize(async () => {
      const got = await this.area.get([OUTBOX, REJECTIONS]);
      const outbox = (got[OUTBOX] as OutboxMutation[] | undefined) ?? [];
      const previous = (got[REJECTIONS] as Rejection[] | undefined) ?? [];
      const refusedById = new Map(rejected.map((r) => [r.mutationId, r]));
      const latest = new Map(previous.map((r) => [`${r.entity}:${r.entityId}`, r]));
      for (const m of outbox) {
        if (m.id > lastMutationID) continue;
        const key = `${m.entity}:${m.entityId}`;
        const refusal = refusedById.get(m.id);
        latest.delete(key);
        if (refusal) latest.set(key, { ...refusal, entity: m.entity, entityId: m.entityId, at: this.now() });
      }
      await this.area.set({
        [OUTBOX]: acknowledge(outbox, lastMutationID),
        [REJECTIONS]: [...latest.values()].slice(-50),
      });
    });
  }

  /** The server counts fewer mutations from us than we sent (restored backup): close the gap. */
  renumberOutbox(lastMutationID: number): Promise<void> {
    return this.serialize(async () => {
      const meta = await this.loadMeta();
      const outbox = renumber(await this.outbox(), lastMutationID);
      await this.area.set({ [OUTBOX]: outbox, [META]: { ...meta, nextMutationId: lastMutationID + 1 + outbox.length } });
    });
  }

  /** Applies one page of a pull: server state becomes the base, pending writes stay on top. */
  applyPull(entities: PulledEntity[], cursor: Cursor): Promise<void> {
    return this.serialize(async () => {
      const meta = await this.loadMeta();
      const keys = entities.filter((e) => e.entity === 'record').map((e) => RECORD_PREFIX + e.id);
      const got = await this.area.get([...keys, OUTBOX, CAMPAIGNS, ITEMS]);
      const outbox = (got[OUTBOX] as OutboxMutation[] | undefined) ?? [];
      const campaigns = { ...((got[CAMPAIGNS] as Record<string, Campaign> | undefined) ?? {}) };
      const items = { ...((got[ITEMS] as Record<string, LocalItem> | undefined) ?? {}) };
      const writes: Record<string, unknown> = {};
      for (const e of entities) {
        if (e.entity === 'campaign') {
          if (e.deleted) {
            // Removed from the campaign: its tasks are no longer mine to see or count.
            delete campaigns[e.id];
            for (const [id, item] of Object.entries(items)) if (item.fields.campaignId === e.id) delete items[id];
          } else campaigns[e.id] = e.data as unknown as Campaign;
        } else if (e.entity === 'item') {
          const base = { ...e.data };
          if (e.deleted) delete items[e.id];
          else items[e.id] = { id: e.id, base, fields: overlay(base, outbox, 'item', e.id) };
        } else if (e.entity === 'record') {
          const key = RECORD_PREFIX + e.id;
          const prev = (writes[key] ?? got[key]) as LocalRecord | undefined;
          const base = recordFieldsOf(e.data);
          if (e.deleted) base.deleted = true;
          writes[key] = {
            id: e.id,
            base,
            fields: overlay(base, outbox, 'record', e.id),
            updatedAt: prev?.updatedAt ?? this.now(),
          } satisfies LocalRecord;
        }
      }
      await this.area.set({ ...writes, [CAMPAIGNS]: campaigns, [ITEMS]: items, [META]: { ...meta, cursor } });
    });
  }

  /**
   * The server's store was restored from a backup (new epoch): queue every own record again as a
   * full write, numbered after what the server remembers of us, and pull from the start. Pending
   * task-item writes (progress, status, evidence) are not part of a record, so they stay queued,
   * renumbered after the re-pushes; pending record writes are already inside the full writes.
   */
  resetForNewEpoch(lastMutationID: number): Promise<void> {
    return this.serialize(async () => {
      const meta = await this.loadMeta();
      const records = await this.listRecords();
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
      await this.area.set({ [OUTBOX]: outbox, [META]: { ...meta, nextMutationId: id, cursor: null, lastHlc } });
    });
  }
}

function isRejectionOf(r: Rejection, entity: string, entityId: string): boolean {
  return r.entity === entity && r.entityId === entityId;
}

/** Pulled record data may be the bare fields or a stored record with `fields` inside. */
function recordFieldsOf(data: Record<string, unknown>): Record<string, unknown> {
  const inner = data.fields;
  if (inner && typeof inner === 'object' && !Array.isArray(inner)) return { ...(inner as Record<string, unknown>) };
  // The server adds its own bookkeeping next to the fields; it is not a field the user edits.
  const { updatedAt: _updatedAt, ownerId: _ownerId, ...fields } = data;
  return fields;
}
