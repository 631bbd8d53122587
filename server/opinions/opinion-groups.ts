/**
 * The office's grouping decisions: merge, split, rename. Each becomes GroupDoc documents that the
 * automatic grouping obeys from then on, so they survive new records and re-grouping. A merge and a
 * split also keep the office's verdict (是同一问题 / 不是同一问题) for the campaign's learning
 * (shared/grouping/learning.ts); opinion-review.ts answers the suggestions the same way.
 */
import { ApiError } from '../http/errors';
import { newId } from '../store/new-id';
import type { CampaignDoc, GroupDoc, GroupVerdict, NewDoc, Store, Transaction, UserDoc } from '../store/store';
import { writeAudit } from '../audit/audit-log';
import type { OpinionGrouper } from './opinion-grouper';
import type { OpinionItem } from './opinion-items';

const strip = ({ seq: _seq, ...doc }: GroupDoc): NewDoc<'groups'> => doc;

/** What a grouping decision needs: the campaign, who decides, and when. */
export interface GroupingContext {
  store: Store;
  grouper: OpinionGrouper;
  campaign: CampaignDoc;
  actor: UserDoc;
  now: Date;
}

async function currentItems(ctx: GroupingContext): Promise<OpinionItem[]> {
  return ctx.grouper.items(ctx.store, ctx.campaign.id);
}

/** Keeps the office's verdict on two sets of records: a document of its own, no group (pinned and excluded empty). */
export async function putVerdict(tx: Transaction, ctx: GroupingContext, verdict: GroupVerdict, at: string): Promise<GroupDoc> {
  return tx.put('groups', {
    id: newId('v'),
    campaignId: ctx.campaign.id,
    pinnedRecordIds: [],
    excludedRecordIds: [],
    verdict,
    createdAt: at,
    updatedAt: at,
    updatedBy: ctx.actor.id,
  });
}

export function find(items: readonly OpinionItem[], groupId: string): OpinionItem {
  const item = items.find((i) => i.id === groupId);
  if (!item) throw new ApiError(404, 'not_found', `意见 ${groupId} 不存在（可能已被合并，请刷新）`);
  return item;
}

/**
 * Merges groups into one manual group; records leave the other decisions they were pinned by. Groups
 * of different categories need the office to say which one the merged opinion takes: keeping one
 * silently would move the others' records to a category nobody chose.
 */
export async function mergeGroups(
  ctx: GroupingContext,
  groupIds: readonly string[],
  title: string | undefined,
  category?: string,
  /** An accepted suggestion (opinion-review.ts) is a merge the office was offered. */
  source: 'merge' | 'suggestion' = 'merge',
): Promise<OpinionItem> {
  const items = await currentItems(ctx);
  const chosen = [...new Set(groupIds)].map((id) => find(items, id));
  if (chosen.length < 2) throw new ApiError(400, 'invalid', '至少选择两条不同的意见', 'groupIds');
  const categories = [...new Set(chosen.map((g) => g.category).filter(Boolean))];
  if (!category?.trim() && categories.length > 1) {
    throw new ApiError(400, 'invalid', `所选意见的类别不同（${categories.join('、')}），请选择合并后的类别`, 'category');
  }
  const recordIds = chosen.flatMap((g) => g.recordIds);
  const at = ctx.now.toISOString();
  const targetId = await ctx.store.transact(async (tx) => {
    const decisions = await tx.find('groups', { campaignId: ctx.campaign.id });
    const target = chosen.find((g) => g.manual && decisions.some((d) => d.id === g.id));
    const existing = target ? decisions.find((d) => d.id === target.id) : undefined;
    for (const d of decisions) {
      if (d.id === existing?.id) continue;
      const kept = d.pinnedRecordIds.filter((r) => !recordIds.includes(r));
      if (kept.length !== d.pinnedRecordIds.length) await tx.put('groups', { ...strip(d), pinnedRecordIds: kept, updatedAt: at, updatedBy: ctx.actor.id });
    }
    const doc: NewDoc<'groups'> = existing
      ? {
          ...strip(existing),
          pinnedRecordIds: [...new Set([...existing.pinnedRecordIds, ...recordIds])],
          excludedRecordIds: existing.excludedRecordIds.filter((r) => !recordIds.includes(r)),
          updatedAt: at,
          updatedBy: ctx.actor.id,
        }
      : // Keeping the first group's id keeps problems that cite it pointing at the merged group.
        {
          id: chosen[0]!.id,
          campaignId: ctx.campaign.id,
          pinnedRecordIds: recordIds,
          excludedRecordIds: [],
          createdAt: at,
          updatedAt: at,
          updatedBy: ctx.actor.id,
        };
    if (title) doc.title = title;
    if (category?.trim()) doc.category = category.trim();
    const stored = await tx.put('groups', doc);
    const verdict = await putVerdict(tx, ctx, { answer: 'same', source, left: chosen[0]!.recordIds, right: chosen.slice(1).flatMap((g) => g.recordIds) }, at);
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: source === 'suggestion' ? 'opinion.accept_suggestion' : 'opinion.merge',
        entityId: stored.id,
        before: groupIds,
        after: { ...strip(stored), verdictId: verdict.id },
      },
      at,
    );
    return stored.id;
  });
  return find(await currentItems(ctx), targetId);
}

/** Takes records out of a group into a new group of their own; they are never put back automatically. */
export async function splitGroup(ctx: GroupingContext, groupId: string, recordIds: readonly string[]): Promise<{ kept: OpinionItem; split: OpinionItem }> {
  const group = find(await currentItems(ctx), groupId);
  const out = [...new Set(recordIds)];
  const stray = out.find((r) => !group.recordIds.includes(r));
  if (stray) throw new ApiError(400, 'invalid', `记录 ${stray} 不在该意见中`, 'recordIds');
  const remaining = group.recordIds.filter((r) => !out.includes(r));
  if (remaining.length === 0) throw new ApiError(400, 'invalid', '不能拆出全部记录，至少保留一条', 'recordIds');
  const at = ctx.now.toISOString();
  const [keptId, splitId] = await ctx.store.transact(async (tx) => {
    const existing = await tx.get('groups', groupId);
    // The leftover loses the group's title: it was written for records some of which are gone now,
    // so it shows its first record's words until the office renames it.
    const { title: _mergedTitle, ...rest } = existing ? strip(existing) : { id: groupId, campaignId: ctx.campaign.id, createdAt: at, title: undefined };
    const kept = await tx.put('groups', {
      ...rest,
      pinnedRecordIds: remaining,
      excludedRecordIds: [...new Set([...(existing?.excludedRecordIds ?? []), ...out])],
      updatedAt: at,
      updatedBy: ctx.actor.id,
    });
    const split = await tx.put('groups', {
      id: newId('g'),
      campaignId: ctx.campaign.id,
      pinnedRecordIds: out,
      excludedRecordIds: remaining,
      createdAt: at,
      updatedAt: at,
      updatedBy: ctx.actor.id,
    });
    await putVerdict(tx, ctx, { answer: 'different', source: 'split', left: remaining, right: out }, at);
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: 'opinion.split',
        entityId: kept.id,
        before: { groupId, recordIds: group.recordIds },
        after: { kept: strip(kept), split: strip(split) },
      },
      at,
    );
    return [kept.id, split.id];
  });
  const items = await currentItems(ctx);
  return { kept: find(items, keptId), split: find(items, splitId) };
}

/**
 * Renames (or re-categorises) a group; an automatic group becomes a manual one under the same id,
 * so problems citing it keep pointing at it.
 */
export async function renameGroup(ctx: GroupingContext, groupId: string, patch: { title?: string; category?: string }): Promise<OpinionItem> {
  const group = find(await currentItems(ctx), groupId);
  const at = ctx.now.toISOString();
  const id = await ctx.store.transact(async (tx) => {
    const existing = await tx.get('groups', groupId);
    const doc: NewDoc<'groups'> = existing
      ? { ...strip(existing), updatedAt: at, updatedBy: ctx.actor.id }
      : {
          id: groupId,
          campaignId: ctx.campaign.id,
          pinnedRecordIds: group.recordIds,
          excludedRecordIds: [],
          createdAt: at,
          updatedAt: at,
          updatedBy: ctx.actor.id,
        };
    if (patch.title !== undefined) doc.title = patch.title;
    if (patch.category !== undefined) doc.category = patch.category;
    const stored = await tx.put('groups', doc);
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: 'opinion.rename',
        entityId: stored.id,
        before: { id: groupId, content: group.content, category: group.category },
        after: strip(stored),
      },
      at,
    );
    return stored.id;
  });
  return find(await currentItems(ctx), id);
}
