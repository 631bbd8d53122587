/**
 * The one place exported text is made safe, for every writer (xlsx, csv, docx):
 * - **valid in XML**, whatever is stored: characters XML 1.0 cannot hold (C0 controls other than
 *   tab and line breaks, lone surrogates, U+FFFE/U+FFFF) and the direction controls that would
 *   reorder what an official reads are taken out (text-rules.ts refuses them at the edge today;
 *   older stores may still hold them);
 * - **never a formula**: Excel and WPS read a cell that starts with `=`, `+`, `-`, `@` (or the
 *   full-width and small forms ＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫), possibly after spaces, NBSP, U+3000 or a line
 *   break, or that starts with tab or CR, as a formula or DDE; such a cell gets a leading
 *   apostrophe and stays text.
 */
import { cleanText } from '../../shared/text-rules';

const FORMULA_START = /^(?:[\t\r]|[\s\u00A0\u3000\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/u;

export type CellValue = string | number | Date | null | undefined;

/** Text that can go into any export's XML, without the formula guard (titles, document properties). */
export function exportableText(value: string): string {
  return cleanText(value);
}

export function safeText(value: string): string {
  const text = exportableText(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function safeCell(value: CellValue): string | number | Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return safeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return Number.isNaN(value.getTime()) ? null : value;
}
