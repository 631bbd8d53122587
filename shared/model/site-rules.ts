/** The checks on a site rule (see site-rule-shape.ts) wherever one crosses a seam: sidebar → background, extension → server. */
import { z } from 'zod';
import { IdSchema, text } from './ids';
import { SITE_RULE_FIELDS, type SiteRule } from './site-rule-shape';

/** `http://host` or `https://host:port`: an origin, nothing after it. */
const SITE_ORIGIN = /^https?:\/\/[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?$/;

export const SiteRuleSchema = z
  .object({
    id: IdSchema,
    site: z.string().max(300, '站点地址过长').regex(SITE_ORIGIN, '站点应为 http(s)://主机名[:端口]，不含路径'),
    field: z.enum(SITE_RULE_FIELDS, { errorMap: () => ({ message: '字段应为 title、docNumber、issuer 或 docDate' }) }),
    label: text(30).trim().min(1, '标签不能为空').optional(),
    selector: text(300).trim().min(1, '选择器不能为空').optional(),
    example: text(500).optional(),
    createdAt: z.string().max(40),
    createdBy: IdSchema.optional(),
  })
  .strict()
  .refine((r) => (r.label === undefined) !== (r.selector === undefined), { message: '规则应有标签或选择器之一（且只有一个）', path: ['label'] });

// The zod-free shape and the schema describe the same thing.
export type CheckedSiteRule = z.infer<typeof SiteRuleSchema>;
const _sameShape: SiteRule = {} as CheckedSiteRule;
void _sameShape;

export const SiteRulesSchema = z.array(SiteRuleSchema).max(200, '每个活动最多 200 条站点规则');

/** What `POST /campaigns/:id/site-rules` answers: shared at once (the office) or proposed to it (a member). */
export const SiteRuleShareReplySchema = z.object({ state: z.enum(['shared', 'proposed']), rule: SiteRuleSchema });
