/**
 * The one place exported text is made safe: a cell that starts with `=`, `+`, `-`, `@`, tab or CR
 * is read as a formula (or DDE) by Excel and WPS, so it gets a leading apostrophe-like quote and
 * stays text. Every writer (xlsx, csv, docx) passes its text through here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CellValue = string | number | Date | null | undefined;

export function safeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function safeCell(value: CellValue): string | number | Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return safeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}
