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

/** Match patterns such as `https://oa.example.edu.cn/*` (the extension requests these hosts). */
export const OriginPatternSchema = z
  .string()
  .max(300)
  .regex(/^(https?|\*):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d{1,5})?\/.*$/, 'OA 网址格式应如 https://oa.example.edu.cn/*');

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
