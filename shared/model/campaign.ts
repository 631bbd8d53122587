/** A campaign (活动): its stages, vocabularies, OA sites, members and the obligations it counts. */
import { z } from 'zod';
import { DateSchema, IdSchema, requiredText, text } from './ids';

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
