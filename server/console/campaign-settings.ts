/**
 * The console's settings form: its text fields (stages one per line, OA sites one per line, quotas)
 * parsed into the settings the API takes (campaigns/settings.ts), which writes them. Pure.
 */
import type { Obligations } from '../../shared/model/campaign';
import { CampaignSettingsSchema, settingsProblem, type CampaignSettings } from '../campaigns/settings';
import { ApiError } from '../http/errors';

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

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
export function parseSettingsForm(
  f: {
    stages: string;
    oaOrigins: string;
    /** 联系对象, one leader per line: `姓名：辅导员甲、辅导员乙` (counselor-contact campaigns). */
    contacts?: string;
    studyMinutesPerStage: string;
    reflectionsPerStage: string;
    reflectionMinChars: string;
    talksPerQuarter: string;
  },
  members: readonly { id: string; name: string }[] = [],
): CampaignSettings {
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
  const contacts =
    f.contacts === undefined
      ? undefined
      : lines(f.contacts).map((line, i) => {
          const m = /^([^:：]+)[:：](.+)$/.exec(line);
          if (!m) throw new ApiError(400, 'invalid', `第 ${i + 1} 行联系对象应写成“领导干部姓名：辅导员甲、辅导员乙”`, 'contacts');
          const name = m[1]!.trim();
          const found = members.filter((u) => u.name === name);
          if (found.length !== 1)
            throw new ApiError(
              400,
              'invalid',
              `第 ${i + 1} 行：${found.length ? `有 ${found.length} 位成员叫“${name}”` : `“${name}”不是本活动的成员`}`,
              'contacts',
            );
          return {
            leaderId: found[0]!.id,
            counselors: m[2]!
              .split(/[，,、；;\s]+/u)
              .map((c) => c.trim())
              .filter(Boolean),
          };
        });
  const parsed = CampaignSettingsSchema.safeParse({ stages, oaOrigins: lines(f.oaOrigins), obligations, ...(contacts ? { contacts } : {}) });
  if (!parsed.success) throw settingsProblem(parsed.error);
  return parsed.data;
}
