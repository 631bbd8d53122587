/** Follows an item back to where it came from: effect → tasks → problems → opinions and who raised them. */
import { ApiError } from '../http/errors';
import type { CampaignDoc, ItemDoc, Store } from '../store/store';
import type { OpinionGrouper } from '../opinions/opinion-grouper';
import type { OpinionItem } from '../opinions/opinion-items';

/** A group id cited by a problem: the group itself, or, for an automatic group since merged, the group now holding its first record. */
export function resolveOpinion(items: readonly OpinionItem[], id: string): OpinionItem | undefined {
  return items.find((i) => i.id === id) ?? (id.startsWith('auto-') ? items.find((i) => i.recordIds.includes(id.slice(5))) : undefined);
}

export async function traceItem(store: Store, grouper: OpinionGrouper, campaign: CampaignDoc, itemId: string) {
  const all = await store.find('items', { campaignId: campaign.id });
  const byId = new Map(all.map((i) => [i.id, i]));
  const item = byId.get(itemId);
  if (!item) throw new ApiError(404, 'not_found', '清单事项不存在');
  const up = (items: readonly ItemDoc[]) => [...new Set(items.flatMap((i) => i.sourceItemIds))].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const tasks = item.list === 'effect' ? up([item]) : item.list === 'task' ? [item] : [];
  const problems = item.list === 'problem' ? [item] : up(tasks);
  const opinionItems = await grouper.items(store, campaign.id);
  const opinions = [
    ...new Map(
      problems
        .flatMap((p) => p.sourceItemIds)
        .flatMap((id) => {
          const o = resolveOpinion(opinionItems, id);
          return o ? [[o.id, o] as const] : [];
        }),
    ).values(),
  ];
  return {
    item,
    tasks: item.list === 'effect' ? tasks : [],
    problems: item.list === 'problem' ? [] : problems,
    opinions: opinions.map((o) => ({
      id: o.id,
      content: o.content,
      category: o.category,
      mentions: o.mentions,
      fromGroups: o.fromGroups,
      channels: o.channels,
    })),
    fromGroups: [...new Set(opinions.flatMap((o) => o.fromGroups))],
  };
}
