/** A campaign (活动): its stages, vocabularies, OA sites, members and the obligations it counts. */
import { z } from 'zod';
import { DateSchema, IdSchema, requiredText, text } from './ids';
import { SiteRulesSchema } from './site-rules';

export const StageSchema = z.object({
  key: IdSchema,
  title: requiredText(100),
  start: DateSchema,
  end: DateSchema,
});
export type Stage = z.infer<typeof StageSchema>;

/**
 * Match patterns such as `https://oa.example.edu.cn/*` (the extension requests these hosts): a
 * scheme, a host made only of letters, digits, hyphens and dots (optionally `*.` in front, or `*`
 * alone), an optional port, and a path without spaces. Nothing else: no user name, no spaces, no
 * backslashes, nothing a browser would read as a different host than the office meant.
 */
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST_NAME = `${HOST_LABEL}(?:\\.${HOST_LABEL})*`;
const ORIGIN_PATTERN = new RegExp(`^(https?|\\*)://(\\*|(?:\\*\\.)?${HOST_NAME})(:\\d{1,5})?/[\\x21-\\x7e]*$`);

export const OriginPatternSchema = z
  .string()
  .max(300, 'OA 网址过长')
  .regex(ORIGIN_PATTERN, 'OA 网址格式应如 https://oa.example.edu.cn/*（只含协议、主机名、可选端口和路径，不能有空格或用户名）')
  .refine((p) => {
    const port = /:(\d+)\//.exec(p.replace(/^[^:]+:\/\//, ''))?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, '端口应在 1–65535 之间');

export const ObligationsSchema = z.object({
  /** 学习: minutes of study per person per stage. */
  studyMinutesPerStage: z.number().int().min(0).max(100_000).optional(),
  /** 心得体会: reflections per person per stage, and the words each should have. */
  reflectionsPerStage: z.number().int().min(0).max(100).optional(),
  reflectionMinChars: z.number().int().min(0).max(100_000).optional(),
  /** 谈心谈话 / 约谈: talks per person per quarter. */
  talksPerQuarter: z.number().int().min(0).max(1000).optional(),
});
export type Obligations = z.infer<typeof ObligationsSchema>;

export const TEMPLATE_KEYS = ['mass-line', 'grassroots', 'counselor-contact', 'excellence'] as const;

/**
 * 联系对象 of a 领导干部直接联系服务辅导员 campaign (seed 002): each leader (a member) and the counselors
 * they are to contact, by name. The 年度汇总表 lists these pairs.
 */
export const ContactPairSchema = z
  .object({
    leaderId: IdSchema,
    counselors: z.array(requiredText(100)).min(1, '每位领导干部至少联系一名辅导员').max(100),
  })
  .strict();
export type ContactPair = z.infer<typeof ContactPairSchema>;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const CampaignSchema = z.object({
  id: IdSchema,
  title: requiredText(200),
  template: z.enum(TEMPLATE_KEYS).optional(),
  /** 填报单位 printed on exports. */
  unit: text(200).optional(),
  stages: z.array(StageSchema).max(20),
  categories: z.array(requiredText(50)).max(100),
  channels: z.array(requiredText(50)).max(100),
  fromGroups: z.array(requiredText(50)).max(100),
  oaOrigins: z.array(OriginPatternSchema).max(50),
  memberIds: z.array(IdSchema).max(10_000),
  obligations: ObligationsSchema,
  /** Counselor-contact campaigns: who contacts whom (optional; added after the first release). */
  contacts: z.array(ContactPairSchema).max(1000).optional(),
  /** How to read the campaign's OA sites, shared by the office with every member (issue 13; optional, added later). */
  siteRules: SiteRulesSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** Body of `POST /api/v1/campaigns` (◆). */
export const CreateCampaignSchema = z
  .object({
    title: requiredText(200),
    template: z.enum(TEMPLATE_KEYS, { errorMap: () => ({ message: `模板应为 ${TEMPLATE_KEYS.join('、')} 之一` }) }).optional(),
    unit: text(200).optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    stages: z.array(StageSchema).max(20).optional(),
    categories: z.array(requiredText(50)).max(100).optional(),
    channels: z.array(requiredText(50)).max(100).optional(),
    fromGroups: z.array(requiredText(50)).max(100).optional(),
    oaOrigins: z.array(OriginPatternSchema).max(50).optional(),
    memberIds: z.array(IdSchema).max(10_000).optional(),
    obligations: ObligationsSchema.optional(),
  })
  .strict();
export type CreateCampaign = z.infer<typeof CreateCampaignSchema>;

/**
 * 群机器人提醒 (server/reminders/README.md): a DingTalk (钉钉) or WeCom (企业微信) group robot a
 * campaign's daily 待办 digest is sent to, and the hour (deployment zone) it goes out. Off unless a
 * webhook is set. Body of `reminders` in `PATCH /api/v1/campaigns/:id/settings`.
 */
export const REMINDER_WEBHOOK_KINDS = ['dingtalk', 'wecom'] as const;
export type ReminderWebhookKind = (typeof REMINDER_WEBHOOK_KINDS)[number];
export const DEFAULT_REMINDER_HOUR = 8;

const REMINDER_HOUR_RULE = '发送时间应为 0–23 之间的整点';

export const ReminderWebhookSchema = z
  .object({
    kind: z.enum(REMINDER_WEBHOOK_KINDS, { errorMap: () => ({ message: '群机器人类型应为 dingtalk（钉钉）或 wecom（企业微信）' }) }),
    url: z.string().trim().min(1, '请填写群机器人的 Webhook 地址').max(1000, '群机器人地址过长'),
    /** DingTalk 加签 secret, write-only (answers say `secretSet`): left out keeps the stored one, null or '' removes it. */
    secret: z.string().trim().max(200, '加签密钥过长').nullable().optional(),
  })
  .strict();
export type ReminderWebhookInput = z.infer<typeof ReminderWebhookSchema>;

export const ReminderSettingsPatchSchema = z
  .object({
    /** null turns the robot off. */
    webhook: ReminderWebhookSchema.nullable().optional(),
    hour: z.number({ invalid_type_error: REMINDER_HOUR_RULE }).int(REMINDER_HOUR_RULE).min(0, REMINDER_HOUR_RULE).max(23, REMINDER_HOUR_RULE).optional(),
  })
  .strict();
export type ReminderSettingsPatch = z.infer<typeof ReminderSettingsPatchSchema>;

/** The settings as answered: never the secret, and the URL's token masked (the URL alone lets anyone post to the group). */
export interface ReminderSettingsView {
  webhook: { kind: ReminderWebhookKind; url: string; secretSet: boolean } | null;
  hour: number;
}
