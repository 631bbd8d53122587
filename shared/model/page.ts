/** The OA page a record was captured on, as the extension's page readers extract it. */
import { z } from 'zod';
import { DateSchema, text } from './ids';

/** W3C Web Annotation TextQuoteSelector: the quote with enough context to find it again. */
export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: text(5000).min(1),
  prefix: text(200).optional(),
  suffix: text(200).optional(),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

export const OA_VENDORS = ['weaver', 'seeyon', 'landray', 'tongda', 'webplus', 'generic'] as const;

export const PageContextSchema = z
  .object({
    url: z.string().max(2048, '网址过长').url('不是有效的网址'),
    title: text(500),
    /** The selected passage, verbatim. */
    quote: text(5000).optional(),
    selector: TextQuoteSelectorSchema.optional(),
    docNumber: text(100).nullish(),
    issuer: text(200).nullish(),
    docDate: DateSchema.nullish(),
    vendor: z.string().max(32).optional(),
  })
  .passthrough();
export type PageContext = z.infer<typeof PageContextSchema>;
