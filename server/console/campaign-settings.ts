/**
 * Editing a campaign's stages, quotas and OA sites from the console form: parsing the form's text
 * fields (pure), then one transaction that writes the campaign and its audit entry.
 */
import { z } from 'zod';
import { ObligationsSchema, OriginPatternSchema, StageSchema, type Obligations, type Stage } from '../../shared/model/campaign';
import { ApiError } from '../http/errors';
import { writeAudit } from '../lists/audit';
import type { CampaignDoc, Store } from '../store/store';

export interface CampaignSettings {
  stages: Stage[];
  oaOrigins: string[];
  obligations: Obligations;
}

const SettingsSchema = z
  .object({
    stages: z.array(StageSchema).max(20),
    oaOrigins: z.array(OriginPatternSchema).max(50),
    obligations: ObligationsSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    s.stages.forEach((st, i) => {
      if (st.end < st.start) ctx.addIssue({ code: 'custom', path: ['stages', i], message: `环节“${st.title}”的结束日期早于开始日期` });
    });
    if (new Set(s.stages.map((st) => st.key)).size !== s.stages.length) ctx.addIssue({ code: 'custom', path: ['stages'], message: '环节标识不能重复' });
  });

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** An empty quota field means "no requirement"; anything else must be a whole number. */
function quota(raw: string, label: string): number | undefined {
  const t = raw.trim();
  if (!t) return undefined;
  if (!/^\d{1,6}$/.test(t)) throw new ApiError(400, 'invalid', `${label}应为不小于 0 的整数`, label);
  return Number(t);
}

/**
 * Stages come one per line as `标识 | 名称 | 开始日期 | 结束日期`, OA sites one pattern per line;
 * quotas are separate fields. Throws ApiError (400) with a Chinese message on anything malformed.
 */
export function parseSettingsForm(f: { stages: string; oaOrigins: string; studyMinutesPerStage: string; reflectionsPerStage: string; reflectionMinChars: string; talksPerQuarter: string }): CampaignSettings {
  const stages = lines(f.stages).map((line, i) => {
    const parts = line.split(/[|｜]/).map((p) => p.trim());
    if (parts.length !== 4) throw new ApiError(400, 'invalid', `第 ${i + 1} 行环节应写成“标识 | 名称 | 开始日期 | 结束日期”`, 'stages');
    const [key, title, start, end] = parts as [string, string, string, string];
    return { key, title, start, end };
  });
  const obligations: Obligations = {};
  const set = (k: keyof Obligations, v: number | undefined) => {
    if (v !== undefined) obligations[k] = v;
  };
  set('studyMinutesPerStage', quota(f.studyMinutesPerStage, '每环节学习分钟数'));
  set('reflectionsPerStage', quota(f.reflectionsPerStage, '每环节心得篇数'));
  set('reflectionMinChars', quota(f.reflectionMinChars, '心得最少字数'));
  set('talksPerQuarter', quota(f.talksPerQuarter, '每季度谈心谈话次数'));
  const parsed = SettingsSchema.safeParse({ stages, oaOrigins: lines(f.oaOrigins), obligations });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path[0] === 'stages' && typeof issue.path[1] === 'number' ? `第 ${issue.path[1] + 1} 行环节：` : issue.path[0] === 'oaOrigins' && typeof issue.path[1] === 'number' ? `第 ${issue.path[1] + 1} 行 OA 网址：` : '';
    throw new ApiError(400, 'invalid', `${where}${issue.message}`, String(issue.path[0] ?? ''));
  }
  return parsed.data;
}

export async function updateCampaignSettings(store: Store, campaignId: string, settings: CampaignSettings, actor: { actorId: string; now: number }): Promise<CampaignDoc> {
  const at = new Date(actor.now).toISOString();
  return store.transact(async (tx) => {
    const current = await tx.get('campaigns', campaignId);
    if (!current) throw new ApiError(404, 'not_found', '活动不存在');
    const { seq: _seq, ...before } = current;
    const stored = await tx.put('campaigns', { ...before, ...settings, updatedAt: at });
    const pick = (c: CampaignSettings) => ({ stages: c.stages, oaOrigins: c.oaOrigins, obligations: c.obligations });
    await writeAudit(tx, { actorId: actor.actorId, campaignId, action: 'campaign.settings', entity: 'campaign', entityId: campaignId, before: pick(before), after: pick(stored) }, at);
    return stored;
  });
}
