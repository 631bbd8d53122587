/**
 * The extension's own store, as the background and the sync engine use it: one facade over three
 * parts, each with one job — records (store/records.ts), pulled campaigns and task items
 * (store/campaign-items.ts), and the sync bookkeeping: meta, outbox, refusals (store/journal.ts).
 * The parts read and say what to write; only this facade writes, one change at a time through one
 * queue, each change in a single `set` — so a record or item and the outbox mutation that carries
 * it are stored together or not at all. The sidebar reads through storage/watch.ts instead.
 */
import type { Campaign } from '../../shared/model/campaign';
import type { Cursor, PulledEntity } from '../../shared/sync/protocol';
import type { KvArea } from '../storage/kv-area';
import type { LocalItem, LocalRecord, OutboxMutation, Rejection, StoreOwner, SyncMeta } from '../storage/stored-shapes';
import { LocalArea } from '../storage/typed-area';
import { forgetUserData } from '../storage/user-data';
import { CampaignItems } from './store/campaign-items';
import { Journal, newId } from './store/journal';
import { Records } from './store/records';

export type { LocalItem, LocalRecord, Rejection, SyncMeta } from '../storage/stored-shapes';

export class LocalStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly area: LocalArea;
  private readonly records: Records;
  private readonly pulled: CampaignItems;
  private readonly journal: Journal;

  constructor(
    private readonly kv: KvArea,
    now: () => number = Date.now,
  ) {
    this.area = new LocalArea(kv);
    this.records = new Records(this.area, now);
    this.pulled = new CampaignItems(this.area);
    this.journal = new Journal(this.area, now);
  }

  /** Runs `task` after every earlier write: one writer, in order. */
  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async meta(): Promise<SyncMeta> {
    return (await this.journal.peekMeta()) ?? this.serialize(() => this.journal.meta());
  }

  async owner(): Promise<StoreOwner | null> {
    return (await this.meta()).owner ?? null;
  }

  /** Binds the store to `owner` (first connection, or the same user with a new token), keeping its data. */
  bindOwner(owner: StoreOwner): Promise<void> {
    return this.serialize(async () => this.area.set(await this.journal.bind(owner)));
  }

  /**
   * Another user or server: a new client id and an empty store bound to `owner`, and nothing else
   * of the previous user either (storage/user-data.ts). Callers make sure nothing unsynced is lost
   * without the user's word.
   */
  startOver(owner: StoreOwner): Promise<void> {
    return this.serialize(() => forgetUserData(this.kv, { meta: this.journal.startOver(owner) }));
  }

  outbox(): Promise<OutboxMutation[]> {
    return this.journal.outbox();
  }

  rejections(): Promise<Rejection[]> {
    return this.journal.rejections();
  }

  getRecord(id: string): Promise<LocalRecord | null> {
    return this.records.get(id);
  }

  /** Every local record, newest change first (tombstones included; callers filter). */
  listRecords(): Promise<LocalRecord[]> {
    return this.records.list();
  }

  campaigns(): Promise<Campaign[]> {
    return this.pulled.campaigns();
  }

  items(): Promise<LocalItem[]> {
    return this.pulled.items();
  }

  /** My campaigns as `GET /me` lists them; one I was removed from goes, with its tasks. */
  putCampaigns(list: Campaign[]): Promise<void> {
    return this.serialize(async () => this.area.set(await this.pulled.keepOnly(list)));
  }

  /** Creates or edits a record, in one mutation stamped now. Returns the record as the user now sees it. */
  saveRecord(id: string | null, fields: Record<string, unknown>): Promise<LocalRecord> {
    return this.serialize(async () => {
      const recordId = id ?? newId('r');
      const refused = await this.journal.isRefused('record', recordId);
      const { record, changes, patch } = await this.records.edit(recordId, fields, refused);
      if (Object.keys(changes).length === 0) {
        // Saved back to exactly what the server has: nothing is pending, so nothing is refused either.
        if (refused) await this.area.set(await this.journal.withoutRefusal('record', recordId));
        return record;
      }
      await this.area.set({ ...patch, ...(await this.journal.append('record', recordId, changes)) });
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
      const { item, changes, patch } = await this.pulled.edit(id, fields);
      if (Object.keys(changes).length === 0) return item;
      await this.area.set({ ...patch, ...(await this.journal.append('item', id, changes)) });
      return item;
    });
  }

  /** After a push: drop what the server processed, keeping the latest refusal per record or item. */
  acknowledge(lastMutationID: number, rejected: Omit<Rejection, 'at' | 'entity' | 'entityId'>[]): Promise<void> {
    return this.serialize(async () => this.area.set(await this.journal.acknowledge(lastMutationID, rejected)));
  }

  /** The server counts fewer mutations from us than we sent (restored backup): close the gap. */
  renumberOutbox(lastMutationID: number): Promise<void> {
    return this.serialize(async () => this.area.set(await this.journal.renumber(lastMutationID)));
  }

  /** Applies one page of a pull: server state becomes the base, pending writes stay on top. */
  applyPull(entities: PulledEntity[], cursor: Cursor): Promise<void> {
    return this.serialize(async () => {
      const outbox = await this.journal.outbox();
      await this.area.set({
        ...(await this.records.pulled(entities, outbox)),
        ...(await this.pulled.pulled(entities, outbox)),
        ...(await this.journal.pulledTo(cursor)),
      });
    });
  }

  /** The server's store was restored from a backup (new epoch): re-push every record, pull from the start. */
  resetForNewEpoch(lastMutationID: number): Promise<void> {
    return this.serialize(async () => this.area.set(await this.journal.restartForEpoch(lastMutationID, await this.records.list())));
  }
}
