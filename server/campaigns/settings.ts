/**
 * A campaign's settings — stages, OA sites, obligations, shared site rules — and the one way they change: the API's
 * `PATCH /campaigns/:id/settings` and the console's settings form both end in `updateCampaignSettings`,
 * one transaction that writes the campaign and its audit entry. The console can do nothing here the
 * API can't.
 */
import { z } from 'zod';
import {
  ContactPairSchema,
  ObligationsSchema,
  OriginPatternSchema,
  ReminderSettingsPatchSchema,
  StageSchema,
  type ContactPair,
  type Obligations,
  type Stage,
} from '../../shared/model/campaign';
import { SiteRulesSchema } from '../../shared/model/site-rules';
import { ApiError } from '../http/errors';
import { writeAudit } from '../audit/audit-log';
import type { CampaignDoc, Store } from '../store/store';
import { applyReminderSettings } from '../reminders/service';
import { settleSiteRules } from './site-rules';

export interface CampaignSettings {
  stages: Stage[];
  oaOrigins: string[];
  obligations: Obligations;
  contacts?: ContactPair[];
}

const fields = {
  stages: z.array(StageSchema).max(20),
  oaOrigins: z.array(OriginPatternSchema).max(50),
  obligations: ObligationsSchema,
  contacts: z.array(ContactPairSchema).max(1000).optional(),
};

/** Settings as a whole: what a campaign must satisfy after any change. */
export const CampaignSettingsSchema = z
  .object(fields)
  .strict()
  .superRefine((s, ctx) => {
    s.stages.forEach((st, i) => {
      if (st.end < st.start) ctx.addIssue({ code: 'custom', path: ['stages', i], message: `环节“${st.title}”的结束日期早于开始日期` });
    });
    if (new Set(s.stages.map((st) => st.key)).size !== s.stages.length) ctx.addIssue({ code: 'custom', path: ['stages'], message: '环节标识不能重复' });
  });

/**
 * The API body: any of the three, `reminders` (the group robot, server/reminders/README.md, kept
 * apart from the campaign document) and `siteRules` (the whole shared list, site-rules.ts: how the
 * office withdraws one or shares a proposal); what is left out stays as it is.
 */
export const CampaignSettingsPatchSchema = z
  .object({ ...fields, reminders: ReminderSettingsPatchSchema, siteRules: SiteRulesSchema })
  .partial()
  .strict();
export type CampaignSettingsPatch = z.infer<typeof CampaignSettingsPatchSchema>;

/** A Chinese sentence naming the line at fault (`第 2 行环节：…`), as both the form and the API say it. */
export function settingsProblem(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  const where =
    issue.path[0] === 'stages' && typeof issue.path[1] === 'number'
      ? `第 ${issue.path[1] + 1} 行环节：`
      : issue.path[0] === 'oaOrigins' && typeof issue.path[1] === 'number'
        ? `第 ${issue.path[1] + 1} 行 OA 网址：`
        : '';
  return new ApiError(400, 'invalid', `${where}${issue.message}`, String(issue.path[0] ?? ''));
}

const pick = (c: CampaignSettings): CampaignSettings => ({
  stages: c.stages,
  oaOrigins: c.oaOrigins,
  obligations: c.obligations,
  ...(c.contacts ? { contacts: c.contacts } : {}),
});

export async function updateCampaignSettings(
  store: Store,
  campaignId: string,
  patch: CampaignSettingsPatch,
  actor: { actorId: string; now: number },
): Promise<CampaignDoc> {
  const at = new Date(actor.now).toISOString();
  return store.transact(async (tx) => {
    const current = await tx.get('campaigns', campaignId);
    if (!current) throw new ApiError(404, 'not_found', '活动不存在');
    const { reminders, siteRules, ...campaignPatch } = patch;
    const merged = CampaignSettingsSchema.safeParse({ ...pick(current), ...campaignPatch });
    if (!merged.success) throw settingsProblem(merged.error);
    const stranger = merged.data.contacts?.find((pair) => !current.memberIds.includes(pair.leaderId));
    if (stranger) throw new ApiError(400, 'invalid', '联系对象中的领导干部须是本活动的成员', 'contacts');
    if (merged.data.contacts && new Set(merged.data.contacts.map((p) => p.leaderId)).size !== merged.data.contacts.length)
      throw new ApiError(400, 'invalid', '同一位领导干部只能写一行联系对象', 'contacts');
    const rules = siteRules ? settleSiteRules(current, siteRules, actor.actorId) : null;
    const { seq: _seq, ...before } = current;
    const stored = await tx.put('campaigns', { ...before, ...merged.data, ...rules, updatedAt: at });
    // The robot's settings as shown (token masked, no secret): the audit log is read in the console.
    const robot = reminders ? await applyReminderSettings(tx, campaignId, reminders, at) : null;
    await writeAudit(
      tx,
      {
        actorId: actor.actorId,
        campaignId,
        action: 'campaign.settings',
        entityId: campaignId,
        // The rules only when they were set: a long list would otherwise fill every entry.
        before: { ...pick(before), ...(rules ? { siteRules: before.siteRules ?? [] } : {}), ...(robot ? { reminders: robot.before } : {}) },
        after: { ...pick(stored), ...(rules ? { siteRules: stored.siteRules ?? [] } : {}), ...(robot ? { reminders: robot.after } : {}) },
      },
      at,
    );
    return stored;
  });
}
