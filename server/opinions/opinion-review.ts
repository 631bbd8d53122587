/**
 * The office's answers to the suggestions "可能是同一问题" (issue 10's review loop): 是同一问题 merges
 * the two items (their records pinned together, as 合并 does), 不是同一问题 keeps the office's verdict so
 * the two are never merged automatically nor suggested again. Both verdicts teach this campaign's
 * grouping (shared/grouping/learning.ts) and no other: the grouper hands each campaign only its own.
 */
import { ApiError } from '../http/errors';
import { writeAudit } from '../audit/audit-log';
import type { OpinionItem } from './opinion-items';
import { find, mergeGroups, putVerdict, type GroupingContext } from './opinion-groups';
import { verdictsOf } from './opinion-items';

/** The two distinct items a suggestion names, as they are now. */
async function pairOf(ctx: GroupingContext, groupIds: readonly string[]): Promise<[OpinionItem, OpinionItem]> {
  const [a, b] = groupIds;
  if (groupIds.length !== 2 || !a || !b || a === b) throw new ApiError(400, 'invalid', '一条建议须指明两条不同的意见', 'groupIds');
  const items = await ctx.grouper.items(ctx.store, ctx.campaign.id);
  return [find(items, a), find(items, b)];
}

/** 是同一问题: the two items become one (the first keeps its id); categories that differ need the office's choice. */
export async function acceptSuggestion(ctx: GroupingContext, groupIds: readonly string[], category?: string): Promise<OpinionItem> {
  const [x, y] = await pairOf(ctx, groupIds);
  return mergeGroups(ctx, [x.id, y.id], undefined, category, 'suggestion');
}

/** 不是同一问题: kept as a verdict on the records of both items as they are now. */
export async function rejectSuggestion(ctx: GroupingContext, groupIds: readonly string[]): Promise<{ groupIds: [string, string] }> {
  const [x, y] = await pairOf(ctx, groupIds);
  const at = ctx.now.toISOString();
  await ctx.store.transact(async (tx) => {
    const verdicts = verdictsOf(await tx.find('groups', { campaignId: ctx.campaign.id })).filter((v) => v.answer === 'different');
    const meets = (side: readonly string[], item: OpinionItem) => side.some((r) => item.recordIds.includes(r));
    if (verdicts.some((v) => (meets(v.left, x) && meets(v.right, y)) || (meets(v.left, y) && meets(v.right, x)))) {
      throw new ApiError(409, 'conflict', '这两条意见已标记为“不是同一问题”，无需重复操作');
    }
    const verdict = await putVerdict(tx, ctx, { answer: 'different', source: 'suggestion', left: [...x.recordIds], right: [...y.recordIds] }, at);
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: 'opinion.reject_suggestion',
        entityId: x.id,
        before: { groupIds: [x.id, y.id] },
        after: { verdictId: verdict.id, left: x.recordIds, right: y.recordIds },
      },
      at,
    );
  });
  return { groupIds: [x.id, y.id] };
}
