/**
 * The user's records in the local store, one key each: what the server last said (`base`) with this
 * client's pending writes on top (`fields`). Reads, and the rules for an edit and for a pulled
 * record; the writes go back to the facade (../local-store.ts), which commits a record together
 * with the outbox mutation carrying it.
 */
import type { PulledEntity } from '../../../shared/sync/protocol';
import { type LocalPatch, recordKey } from '../../storage/keys';
import type { LocalRecord, OutboxMutation } from '../../storage/stored-shapes';
import type { LocalArea } from '../../storage/typed-area';
import { changedFields, overlay } from '../outbox';

/** A record as an edit leaves it, and the fields the mutation carrying the edit sends (none: nothing to send). */
export interface RecordEdit {
  record: LocalRecord;
  changes: Record<string, unknown>;
  /** The write of the edited record. */
  patch: LocalPatch;
}

export class Records {
  constructor(
    private readonly area: LocalArea,
    private readonly now: () => number,
  ) {}

  async get(id: string): Promise<LocalRecord | null> {
    return (await this.area.one(recordKey(id))) ?? null;
  }

  /** Every local record, newest change first (tombstones included; callers filter). */
  async list(): Promise<LocalRecord[]> {
    return newestFirst(await this.area.prefixed('rec:'));
  }

  /**
   * `fields` saved over record `id` (a new one when there is none). Only the fields that changed
   * travel — except after a refusal: the server never applied the refused write, so the edit then
   * carries everything the server lacks (a refused new record goes again whole). With no changes
   * the record comes back as it was.
   */
  async edit(id: string, fields: Record<string, unknown>, refused: boolean): Promise<RecordEdit> {
    const prev = (await this.get(id)) ?? { id, base: {}, fields: {}, updatedAt: 0 };
    const next = { ...prev.fields, ...changedFields(prev.fields, fields) };
    const changes = refused ? changedFields(prev.base, next) : changedFields(prev.fields, fields);
    const record = Object.keys(changes).length === 0 ? prev : { ...prev, fields: next, updatedAt: this.now() };
    const patch: LocalPatch = {};
    patch[recordKey(id)] = record;
    return { record, changes, patch };
  }

  /** Pulled records become the base; pending writes (`outbox`) stay on top; the local sort time is kept. */
  async pulled(entities: readonly PulledEntity[], outbox: readonly OutboxMutation[]): Promise<LocalPatch> {
    const pulled = entities.filter((e) => e.entity === 'record');
    const got = await this.area.get(pulled.map((e) => recordKey(e.id)));
    const writes: LocalPatch = {};
    for (const e of pulled) {
      const key = recordKey(e.id);
      const prev = writes[key] ?? got[key];
      const base = recordFieldsOf(e.data);
      if (e.deleted) base.deleted = true;
      writes[key] = { id: e.id, base, fields: overlay(base, outbox, 'record', e.id), updatedAt: prev?.updatedAt ?? this.now() };
    }
    return writes;
  }
}

const newestFirst = (records: LocalRecord[]): LocalRecord[] => records.sort((a, b) => b.updatedAt - a.updatedAt);

/** Pulled record data may be the bare fields or a stored record with `fields` inside. */
function recordFieldsOf(data: Record<string, unknown>): Record<string, unknown> {
  const inner = data.fields;
  if (inner && typeof inner === 'object' && !Array.isArray(inner)) return { ...(inner as Record<string, unknown>) };
  // The server adds its own bookkeeping next to the fields; it is not a field the user edits.
  const { updatedAt: _updatedAt, ownerId: _ownerId, ...fields } = data;
  return fields;
}
