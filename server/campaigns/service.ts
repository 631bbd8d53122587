/** Campaigns: creation from templates and membership — rules shared by the API and the admin CLI. */
import type { CreateCampaign } from '../../shared/model/campaign';
import { campaignTemplate } from '../../shared/templates';
import type { CampaignDoc, Store, UserDoc } from '../store/store';
import { newId } from '../store/new-id';
import { ApiError } from '../http/errors';
import { writeAudit, type ActorOptions } from '../audit/audit-log';

export function canSeeCampaign(user: UserDoc, campaign: CampaignDoc): boolean {
  return user.role === 'admin' || campaign.memberIds.includes(user.id);
}

/**
 * A campaign as the caller may read it: members' proposed site rules (site-rules.ts) and who was taken
 * off the campaign (kept for sync: pull.ts tells them they lost it) are the office's alone.
 */
export function campaignSeenBy(user: UserDoc, campaign: CampaignDoc): CampaignDoc {
  if (user.role === 'admin' || (campaign.siteRuleProposals === undefined && campaign.formerMemberIds === undefined)) return campaign;
  const { siteRuleProposals: _proposals, formerMemberIds: _former, ...seen } = campaign;
  return seen;
}

/** Members see the campaigns they belong to; the office sees every campaign. */
export async function visibleCampaigns(store: Store, user: UserDoc): Promise<CampaignDoc[]> {
  const all = await store.find('campaigns');
  return all.filter((k) => canSeeCampaign(user, k)).map((k) => campaignSeenBy(user, k));
}

async function checkUsersExist(store: Store, userIds: readonly string[], field: string): Promise<void> {
  for (const [i, id] of userIds.entries()) {
    if (!(await store.get('users', id))) throw new ApiError(400, 'invalid', `${field}.${i}：用户 ${id} 不存在`, `${field}.${i}`);
  }
}

export async function createCampaign(store: Store, input: CreateCampaign, { actorId = 'system', now = Date.now() }: ActorOptions = {}): Promise<CampaignDoc> {
  const memberIds = [...new Set(input.memberIds ?? [])];
  await checkUsersExist(store, memberIds, 'memberIds');
  const at = new Date(now).toISOString();
  const year = input.year ?? new Date(now).getUTCFullYear();
  const template = input.template ? campaignTemplate(input.template, year) : null;
  const stages = input.stages ?? template?.stages ?? [];
  for (const [i, s] of stages.entries()) {
    if (s.start > s.end) throw new ApiError(400, 'invalid', `stages.${i}：开始日期晚于结束日期`, `stages.${i}.end`);
  }
  if (new Set(stages.map((s) => s.key)).size !== stages.length) throw new ApiError(400, 'invalid', 'stages：环节标识重复', 'stages');
  return store.transact(async (tx) => {
    const campaign = await tx.put('campaigns', {
      id: newId('k'),
      title: input.title,
      ...(input.template ? { template: input.template } : {}),
      ...(input.unit !== undefined ? { unit: input.unit } : {}),
      stages,
      categories: input.categories ?? template?.categories ?? [],
      channels: input.channels ?? template?.channels ?? [],
      fromGroups: input.fromGroups ?? template?.fromGroups ?? [],
      oaOrigins: input.oaOrigins ?? [],
      memberIds,
      obligations: input.obligations ?? template?.obligations ?? {},
      createdAt: at,
      updatedAt: at,
    });
    await writeAudit(tx, { actorId, campaignId: campaign.id, action: 'campaign.create', entityId: campaign.id, after: campaign }, at);
    return campaign;
  });
}

/**
 * Replaces the member list. The campaign gets a new seq, so members who just joined pull it —
 * and their pull filter starts letting them see it.
 */
export async function setMembers(store: Store, campaignId: string, userIds: readonly string[], opts: ActorOptions = {}): Promise<CampaignDoc> {
  return changeMembers(store, campaignId, () => [...new Set(userIds)], opts);
}

export async function addMembers(store: Store, campaignId: string, userIds: readonly string[], opts: ActorOptions = {}): Promise<CampaignDoc> {
  return changeMembers(store, campaignId, (current) => [...new Set([...current, ...userIds])], opts);
}

async function changeMembers(
  store: Store,
  campaignId: string,
  next: (current: string[]) => string[],
  { actorId = 'system', now = Date.now() }: ActorOptions,
): Promise<CampaignDoc> {
  const at = new Date(now).toISOString();
  return store.transact(async (tx) => {
    const campaign = await tx.get('campaigns', campaignId);
    if (!campaign) throw new ApiError(404, 'not_found', '活动不存在');
    const memberIds = next(campaign.memberIds);
    if (memberIds.length > 10_000) throw new ApiError(400, 'invalid', 'userIds：成员过多（最多 10000 人）', 'userIds');
    for (const [i, id] of memberIds.entries()) {
      if (!(await tx.get('users', id))) throw new ApiError(400, 'invalid', `userIds.${i}：用户 ${id} 不存在`, `userIds.${i}`);
    }
    const { seq: _seq, ...rest } = campaign;
    // Whoever leaves is remembered, so their next pull answers the campaign as deleted; whoever comes back is not a former member.
    const stays = new Set(memberIds);
    const formerMemberIds = [...new Set([...(campaign.formerMemberIds ?? []), ...campaign.memberIds])].filter((id) => !stays.has(id));
    const updated = await tx.put('campaigns', { ...rest, memberIds, formerMemberIds, updatedAt: at });
    await writeAudit(tx, { actorId, campaignId, action: 'campaign.members', entityId: campaignId, before: campaign.memberIds, after: memberIds }, at);
    return updated;
  });
}
