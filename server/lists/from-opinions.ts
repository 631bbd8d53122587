/**
 * 转为问题: one or several merged opinions become one problem in the 问题清单, carrying the opinions
 * themselves (as its sources, so the trace runs back to every record), how often they were raised,
 * by whom and through which channels, and a category from the campaign's list.
 */
import type { OpinionItem } from '../opinions/opinion-items';
import { ApiError } from '../http/errors';
import type { ItemDoc } from '../store/store';
import { CreateItemSchema } from './item-schemas';
import { createItem, type ListContext } from './items';

/** The problem's fields as the office would have typed them from these opinions. */
export function problemFieldsFrom(opinions: readonly OpinionItem[], categories: readonly string[]) {
  const mentions = opinions.reduce((n, o) => n + o.mentions, 0);
  const distinct = (values: Iterable<string>) => [...new Set([...values].filter(Boolean))];
  const groups = distinct(opinions.flatMap((o) => o.fromGroups));
  const channels = distinct(opinions.flatMap((o) => o.channels));
  const own = distinct(opinions.map((o) => o.category));
  // The opinions' category when they agree and the campaign lists it; otherwise the office chooses.
  const category = own.length === 1 && (categories.length === 0 || categories.includes(own[0]!)) ? own[0]! : '';
  const lines =
    opinions.length === 1
      ? [`意见建议反映 ${mentions} 次。`]
      : [`合并 ${opinions.length} 条意见建议，共反映 ${mentions} 次：`, ...opinions.map((o, i) => `${i + 1}. ${o.content}（${o.mentions} 次）`)];
  if (groups.length) lines.push(`反映人群：${groups.join('、')}`);
  if (channels.length) lines.push(`听取渠道：${channels.join('、')}`);
  return { title: opinions[0]!.content.slice(0, 500), description: lines.join('\n').slice(0, 10_000), category, mentions };
}

export async function problemFromOpinions(ctx: ListContext, groupIds: readonly string[]): Promise<ItemDoc> {
  const ids = [...new Set(groupIds)];
  if (ids.length === 0) throw new ApiError(400, 'invalid', '请先勾选要转为问题的意见', 'groupIds');
  const all = await ctx.grouper.items(ctx.store, ctx.campaign.id);
  const chosen = ids.map((id) => {
    const found = all.find((o) => o.id === id);
    if (!found) throw new ApiError(404, 'not_found', '所选意见不存在（可能刚被合并，请刷新后重试）', 'groupIds');
    return found;
  });
  const fields = problemFieldsFrom(chosen, ctx.campaign.categories);
  return createItem(
    ctx,
    CreateItemSchema.parse({
      list: 'problem',
      title: fields.title,
      description: fields.description,
      category: fields.category,
      sourceItemIds: ids,
      source: '意见建议',
    }),
  );
}
