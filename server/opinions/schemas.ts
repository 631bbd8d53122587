/** Request bodies of the office's grouping decisions (merge, split, rename), checked at the edge. */
import { z } from 'zod';
import { IdSchema, text } from '../../shared/model/ids';

export const MergeSchema = z
  .object({ groupIds: z.array(z.string().min(1).max(80)).min(2, '至少选择两条意见').max(500), title: text(500).optional(), category: text(50).optional() })
  .strict();
export const SplitSchema = z.object({ recordIds: z.array(IdSchema).min(1, '至少选择一条记录').max(1000) }).strict();
export const RenameSchema = z
  .object({ title: text(500).trim().min(1, '不能为空').optional(), category: text(50).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '没有要修改的字段');
/** An answer to a suggestion "可能是同一问题": the two items it names (and, to accept two of different categories, the category). */
export const SuggestionAnswerSchema = z
  .object({ groupIds: z.array(z.string().min(1).max(80)).length(2, '一条建议须指明两条意见'), category: text(50).optional() })
  .strict();

/** Body of POST /campaigns/:id/opinions/learning/shared: whose learnt grouping weights to copy here. */
export const ShareLearningSchema = z.object({ fromCampaignId: IdSchema }).strict();
