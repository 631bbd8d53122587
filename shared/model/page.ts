/** The OA page a record was captured on, as the extension's page readers extract it. */
import { z } from 'zod';
import { DateSchema, text } from './ids';
import { jsonShapeProblem } from '../json-bounds';

/** W3C Web Annotation TextQuoteSelector: the quote with enough context to find it again. */
export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: text(5000).min(1),
  prefix: text(200).optional(),
  suffix: text(200).optional(),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

export const OA_VENDORS = ['weaver', 'seeyon', 'landray', 'tongda', 'webplus', 'wechat', 'founder', 'generic'] as const;

/** Only web pages: a `javascript:`, `data:` or `file:` address is never a page a record was captured on. */
export const PageUrlSchema = z
  .string()
  .max(2048, '网址过长')
  .url('不是有效的网址')
  .refine((u) => /^https?:\/\//i.test(u), '网址只能以 http:// 或 https:// 开头');

/**
 * Fields a newer extension adds to the page context are kept (passthrough), within bounds: the
 * page is stored as given, so its extra fields may nest at most `PAGE_MAX_DEPTH` deep and the
 * whole context may take at most `PAGE_MAX_BYTES` as JSON.
 */
export const PAGE_MAX_DEPTH = 4;
export const PAGE_MAX_BYTES = 64 * 1024;

export const PageContextSchema = z
  .object({
    url: PageUrlSchema,
    title: text(500),
    /** The selected passage, verbatim. */
    quote: text(5000).optional(),
    selector: TextQuoteSelectorSchema.optional(),
    docNumber: text(100).nullish(),
    issuer: text(200).nullish(),
    docDate: DateSchema.nullish(),
    /** Which date `docDate` is, when the page said: 成文 (written) or 发布 (published). */
    docDateKind: z.enum(['written', 'published']).optional(),
    /** Fields read by a rule a user taught for the site (extension/page/site-rule-reading.ts). */
    taught: z
      .array(z.enum(['title', 'docNumber', 'issuer', 'docDate']))
      .max(4)
      .optional(),
    vendor: z.string().max(32).optional(),
  })
  .passthrough()
  .superRefine((page, ctx) => {
    const problem = jsonShapeProblem(page, { maxDepth: PAGE_MAX_DEPTH, maxBytes: PAGE_MAX_BYTES });
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem.message, path: problem.path });
  });
export type PageContext = z.infer<typeof PageContextSchema>;
