/**
 * Checks a record as a form produced it, with the shared schema, and turns zod's issues into one
 * Chinese message per field (zod's own defaults for missing or mistyped values are English).
 */
import type { ZodIssue } from 'zod';
import { RecordFieldsSchema } from './record';
import { cleanJson } from '../text-rules';

/**
 * Pasted text and page titles may carry characters the server refuses (control characters, bidi
 * overrides, Unicode non-characters); they are cleaned out before the record is checked and saved.
 */
export const cleanRecordFields = (fields: Record<string, unknown>): Record<string, unknown> => cleanJson(fields);

export type FieldErrors = Record<string, string>;

function chineseMessage(issue: ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.received === 'undefined' || issue.received === 'null' ? '不能为空' : '格式不正确';
  if (issue.code === 'invalid_literal' || issue.code === 'invalid_union_discriminator') return '记录类型不正确';
  return /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : '格式不正确';
}

export function validateRecord(fields: Record<string, unknown>): FieldErrors {
  const parsed = RecordFieldsSchema.safeParse(fields);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'kind');
    errors[field] ??= chineseMessage(issue);
  }
  return errors;
}
