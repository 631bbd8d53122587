/**
 * What the server sends the user besides their records: the campaigns they are in and the task
 * items (problems, rectifications) of those campaigns, with the assignee's pending progress on top.
 * Reads, and the writes a pull, a `/me` answer or an edit makes; the facade (../local-store.ts)
 * commits them, an edited item together with the outbox mutation carrying it.
 */
import type { Campaign } from '../../../shared/model/campaign';
import type { PulledEntity } from '../../../shared/sync/protocol';
import type { LocalPatch } from '../../storage/keys';
import type { LocalItem, OutboxMutation } from '../../storage/stored-shapes';
import type { LocalArea } from '../../storage/typed-area';
import { changedFields, overlay } from '../outbox';

/** An item as an edit leaves it, and the fields the mutation carrying the edit sends (none: nothing to send). */
export interface ItemEdit {
  item: LocalItem;
  changes: Record<string, unknown>;
  /** The write of the edited item (its whole map: items share one key). */
  patch: LocalPatch;
}

type ItemMap = Record<string, LocalItem>;

const inCampaign = (item: LocalItem, campaignId: string) => item.fields.campaignId === campaignId;

export class CampaignItems {
  constructor(private readonly area: LocalArea) {}

  async campaigns(): Promise<Campaign[]> {
    return Object.values((await this.area.one('campaigns')) ?? {});
  }

  async items(): Promise<LocalItem[]> {
    return Object.values(await this.itemMap());
  }

  private async itemMap(): Promise<ItemMap> {
    return (await this.area.one('items')) ?? {};
  }

  /**
   * Campaigns from `GET /me`, which answers before the first pull does and lists every campaign I
   * am in: one missing from it is one I was removed from, so it and its tasks go.
   */
  async keepOnly(list: readonly Campaign[]): Promise<LocalPatch> {
    const campaigns = Object.fromEntries(list.map((c) => [c.id, c]));
    const items = Object.fromEntries(
      Object.entries(await this.itemMap()).filter(([, i]) => typeof i.fields.campaignId !== 'string' || Object.hasOwn(campaigns, i.fields.campaignId)),
    );
    return { campaigns, items };
  }

  /** The assignee's progress on item `id` (`progress`, `status`, `evidence`): only what changed travels. */
  async edit(id: string, fields: Record<string, unknown>): Promise<ItemEdit> {
    const items = await this.itemMap();
    const prev = items[id] ?? { id, base: {}, fields: {} };
    const changes = changedFields(prev.fields, fields);
    const item = Object.keys(changes).length === 0 ? prev : { ...prev, fields: { ...prev.fields, ...changes } };
    return { item, changes, patch: { items: { ...items, [id]: item } } };
  }

  /** Pulled campaigns and items, in the order they came: the server's state, pending writes (`outbox`) on top. */
  async pulled(entities: readonly PulledEntity[], outbox: readonly OutboxMutation[]): Promise<LocalPatch> {
    const got = await this.area.get(['campaigns', 'items']);
    const campaigns = { ...(got.campaigns ?? {}) };
    const items = { ...(got.items ?? {}) };
    for (const e of entities) {
      if (e.entity === 'campaign') {
        if (e.deleted) {
          // Removed from the campaign: its tasks are no longer mine to see or count.
          delete campaigns[e.id];
          for (const [id, item] of Object.entries(items)) if (inCampaign(item, e.id)) delete items[id];
        } else campaigns[e.id] = e.data as unknown as Campaign;
      } else if (e.entity === 'item') {
        const base = { ...e.data };
        if (e.deleted) delete items[e.id];
        else items[e.id] = { id: e.id, base, fields: overlay(base, outbox, 'item', e.id) };
      }
    }
    return { campaigns, items };
  }
}
