/**
 * Grouping 10k opinions takes a noticeable fraction of a second, and the console and exports ask
 * for the list often; the result is kept per campaign until a record or decision changes.
 */
import type { GroupDoc, RecordDoc, Store } from '../store/store';
import { buildOpinionItems, type OpinionItem } from './opinion-items';

interface Entry {
  signature: string;
  items: OpinionItem[];
}

function signatureOf(records: readonly RecordDoc[], groups: readonly GroupDoc[]): string {
  // seq grows on every write, so the highest seq and the counts change whenever anything does.
  let maxRecord = 0;
  for (const r of records) if (r.seq > maxRecord) maxRecord = r.seq;
  let maxGroup = 0;
  for (const g of groups) if (g.seq > maxGroup) maxGroup = g.seq;
  return `${records.length}:${maxRecord}:${groups.length}:${maxGroup}`;
}

export class OpinionCache {
  private readonly entries = new Map<string, Entry>();

  async items(store: Store, campaignId: string): Promise<OpinionItem[]> {
    const [records, groups] = await Promise.all([store.find('records', { campaignId }), store.find('groups', { campaignId })]);
    const signature = signatureOf(records, groups);
    const hit = this.entries.get(campaignId);
    if (hit && hit.signature === signature) return hit.items;
    const items = buildOpinionItems(records, groups);
    this.entries.set(campaignId, { signature, items });
    return items;
  }
}

/** One cache per store: tests start many servers in one process. */
const caches = new WeakMap<Store, OpinionCache>();
export function opinionCacheFor(store: Store): OpinionCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new OpinionCache()));
  return cache;
}
