/** Identifier and small scalar schemas shared by every entity. */
import { z } from 'zod';
import { ALLOWED_TEXT, FORBIDDEN_TEXT_MESSAGE } from '../text-rules';

/** Client- or server-made ids: no path characters, no whitespace, bounded. */
export const IdSchema = z
  .string()
  .min(1, '不能为空')
  .max(64, '过长（最多 64 个字符）')
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、下划线和连字符');

/** A calendar date as written on the forms: YYYY-MM-DD, and a real date. */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效的日期');

/**
 * Bounded free text; the bound keeps one field from bloating the store or an export, and only
 * storable characters pass (../text-rules.ts).
 */
export const text = (max: number) => z.string().max(max, `过长（最多 ${max} 个字符）`).regex(ALLOWED_TEXT, FORBIDDEN_TEXT_MESSAGE);
export const requiredText = (max: number) =>
  z.string().trim().min(1, '不能为空').max(max, `过长（最多 ${max} 个字符）`).regex(ALLOWED_TEXT, FORBIDDEN_TEXT_MESSAGE);
