/**
 * Site rules shared through a campaign (issue 13, "teach this site"): how to read a field of an OA
 * site. The office shares a rule with every member (`siteRules`, one per site and field) and
 * withdraws it; a member proposes a rule they taught (`siteRuleProposals`), which only the office
 * sees until it shares or rejects it. Every change is one transaction with its audit entry.
 */
import { SITE_RULE_FIELD_NAMES, type SiteRule } from '../../shared/model/site-rule-shape';
import { SiteRulesSchema } from '../../shared/model/site-rules';
import { writeAudit, type AuditAction } from '../audit/audit-log';
import { ApiError } from '../http/errors';
import { memberBudgetProblem, storedBytes, type Quotas } from '../quotas/quotas';
import type { CampaignDoc, Transaction, Store, UserDoc } from '../store/store';
import { canSeeCampaign } from './service';

export type SiteRuleState = 'shared' | 'proposed';

/** What a submission became; `created` is false when the same rule id was already there (nothing changed). */
export interface SiteRuleOutcome {
  state: SiteRuleState;
  rule: SiteRule;
  created: boolean;
}

/** Proposals wait for the office; these bounds keep one member, or all of them, from growing the campaign without end. */
const MAX_PROPOSALS = 200;
const MAX_PROPOSALS_PER_MEMBER = 40;

interface Actor {
  actorId: string;
  now: number;
}

const sameSlot = (a: SiteRule, b: SiteRule) => a.site === b.site && a.field === b.field;
const slotName = (r: SiteRule) => `${r.site} 的“${SITE_RULE_FIELD_NAMES[r.field]}”`;

async function campaignIn(tx: Transaction, campaignId: string): Promise<CampaignDoc> {
  const campaign = await tx.get('campaigns', campaignId);
  if (!campaign) throw new ApiError(404, 'not_found', '活动不存在');
  return campaign;
}

async function save(
  tx: Transaction,
  campaign: CampaignDoc,
  lists: Pick<CampaignDoc, 'siteRules' | 'siteRuleProposals'>,
  at: string,
  audit: { actorId: string; action: AuditAction; before?: SiteRule; after?: SiteRule },
): Promise<void> {
  const { seq: _seq, ...rest } = campaign;
  // A proposal changes nothing a member sees, so only a change of the shared rules moves updatedAt.
  const updatedAt = lists.siteRules ? at : campaign.updatedAt;
  await tx.put('campaigns', { ...rest, ...lists, updatedAt });
  await writeAudit(
    tx,
    {
      actorId: audit.actorId,
      campaignId: campaign.id,
      action: audit.action,
      entityId: campaign.id,
      ...(audit.before ? { before: audit.before } : {}),
      ...(audit.after ? { after: audit.after } : {}),
    },
    at,
  );
}

/** Shares `rule` in place of the campaign's rule for the same site and field, and takes it off the proposals. */
async function share(tx: Transaction, campaign: CampaignDoc, rule: SiteRule, actorId: string, at: string): Promise<SiteRuleOutcome> {
  const shared = campaign.siteRules ?? [];
  const replaced = shared.find((r) => sameSlot(r, rule));
  const checked = SiteRulesSchema.safeParse([...shared.filter((r) => !sameSlot(r, rule)), rule]);
  if (!checked.success) throw new ApiError(409, 'too_many', `${checked.error.issues[0]?.message ?? '站点规则过多'}，请先撤回不再使用的规则`, 'siteRules');
  const siteRuleProposals = (campaign.siteRuleProposals ?? []).filter((r) => r.id !== rule.id);
  await save(tx, campaign, { siteRules: checked.data, siteRuleProposals }, at, { actorId, action: 'site_rule.share', before: replaced, after: rule });
  return { state: 'shared', rule, created: true };
}

/**
 * `POST /campaigns/:id/site-rules`: the office's rule is shared at once, a member's waits as a
 * proposal. `createdBy` is the server's to set (the caller, or the member who proposed it); the same
 * id again answers the stored rule and changes nothing.
 */
export async function submitSiteRule(store: Store, quotas: Quotas, campaignId: string, user: UserDoc, input: SiteRule, now: number): Promise<SiteRuleOutcome> {
  const at = new Date(now).toISOString();
  return store.transact(async (tx) => {
    const campaign = await campaignIn(tx, campaignId);
    if (!canSeeCampaign(user, campaign)) throw new ApiError(403, 'forbidden', '你不是该活动的成员');
    const { createdBy: _untrusted, ...body } = input;
    const alreadyShared = campaign.siteRules?.find((r) => r.id === body.id);
    if (alreadyShared) return { state: 'shared', rule: alreadyShared, created: false };
    const proposals = campaign.siteRuleProposals ?? [];
    const proposed = proposals.find((r) => r.id === body.id);
    if (user.role === 'admin') return share(tx, campaign, { ...body, createdBy: proposed?.createdBy ?? user.id }, user.id, at);

    if (proposed) {
      if (proposed.createdBy !== user.id) throw new ApiError(409, 'conflict', '这个规则编号已被他人使用，请重新选取后再提交', 'id');
      return { state: 'proposed', rule: proposed, created: false };
    }
    const rule: SiteRule = { ...body, createdBy: user.id };
    // A member's newer rule for the same site and field replaces their own earlier one.
    const replaced = proposals.find((r) => r.createdBy === user.id && sameSlot(r, rule));
    const kept = proposals.filter((r) => r !== replaced);
    if (kept.filter((r) => r.createdBy === user.id).length >= MAX_PROPOSALS_PER_MEMBER)
      throw new ApiError(409, 'too_many', `你提交的待审核规则已有 ${MAX_PROPOSALS_PER_MEMBER} 条，请等活动办公室处理后再提交`);
    if (kept.length >= MAX_PROPOSALS) throw new ApiError(409, 'too_many', `本活动待审核的站点规则已有 ${MAX_PROPOSALS} 条，请等活动办公室处理后再提交`);
    const overBudget = await memberBudgetProblem(tx, quotas, user, storedBytes({ before: replaced, after: rule }));
    if (overBudget) throw new ApiError(413, overBudget.code, overBudget.message);
    await save(tx, campaign, { siteRuleProposals: [...kept, rule] }, at, { actorId: user.id, action: 'site_rule.propose', before: replaced, after: rule });
    return { state: 'proposed', rule, created: true };
  });
}

/** The office shares a member's proposal as it was proposed; sharing one already shared changes nothing. */
export async function shareProposal(store: Store, campaignId: string, ruleId: string, { actorId, now }: Actor): Promise<SiteRuleOutcome> {
  const at = new Date(now).toISOString();
  return store.transact(async (tx) => {
    const campaign = await campaignIn(tx, campaignId);
    const alreadyShared = campaign.siteRules?.find((r) => r.id === ruleId);
    if (alreadyShared) return { state: 'shared', rule: alreadyShared, created: false };
    const proposal = campaign.siteRuleProposals?.find((r) => r.id === ruleId);
    if (!proposal) throw new ApiError(404, 'not_found', '没有这条待审核的站点规则（可能已被处理）');
    return share(tx, campaign, proposal, actorId, at);
  });
}

export type RemovedAs = 'withdrawn' | 'rejected';

/**
 * The office withdraws a shared rule (members' next pull no longer has it) or rejects a proposal.
 * `only` limits it to one of the two, for the console's buttons; an unknown rule is a 404.
 */
export async function removeSiteRule(
  store: Store,
  campaignId: string,
  ruleId: string,
  { actorId, now }: Actor,
  only?: SiteRuleState,
): Promise<{ removedAs: RemovedAs; rule: SiteRule }> {
  const at = new Date(now).toISOString();
  return store.transact(async (tx) => {
    const campaign = await campaignIn(tx, campaignId);
    const shared = only === 'proposed' ? undefined : campaign.siteRules?.find((r) => r.id === ruleId);
    if (shared) {
      const siteRules = (campaign.siteRules ?? []).filter((r) => r !== shared);
      await save(tx, campaign, { siteRules }, at, { actorId, action: 'site_rule.withdraw', before: shared });
      return { removedAs: 'withdrawn', rule: shared };
    }
    const proposal = only === 'shared' ? undefined : campaign.siteRuleProposals?.find((r) => r.id === ruleId);
    if (proposal) {
      const siteRuleProposals = (campaign.siteRuleProposals ?? []).filter((r) => r !== proposal);
      await save(tx, campaign, { siteRuleProposals }, at, { actorId, action: 'site_rule.reject', before: proposal });
      return { removedAs: 'rejected', rule: proposal };
    }
    throw new ApiError(404, 'not_found', only === 'proposed' ? '没有这条待审核的站点规则（可能已被处理）' : '没有这条站点规则（可能已被撤回）');
  });
}

/**
 * The whole shared list as `PATCH /campaigns/:id/settings` sets it: one rule per site and field, each
 * id once. A rule the campaign already knows (shared or proposed) keeps who taught it; a new one is
 * the office's. Proposals that are now shared leave the proposals.
 */
export function settleSiteRules(
  current: CampaignDoc,
  rules: readonly SiteRule[],
  actorId: string,
): Required<Pick<CampaignDoc, 'siteRules' | 'siteRuleProposals'>> {
  const known = new Map([...(current.siteRuleProposals ?? []), ...(current.siteRules ?? [])].map((r) => [r.id, r]));
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    if (ids.has(rule.id)) throw new ApiError(400, 'invalid', `第 ${i + 1} 条站点规则的编号与前面的重复`, `siteRules.${i}.id`);
    ids.add(rule.id);
    const earlier = rules.slice(0, i).find((r) => sameSlot(r, rule));
    if (earlier) throw new ApiError(400, 'invalid', `${slotName(rule)}有两条规则：每个站点的每个字段只能共享一条`, `siteRules.${i}`);
  });
  return {
    siteRules: rules.map(({ createdBy: _untrusted, ...r }) => ({ ...r, createdBy: known.get(r.id)?.createdBy ?? actorId })),
    siteRuleProposals: (current.siteRuleProposals ?? []).filter((r) => !ids.has(r.id)),
  };
}
