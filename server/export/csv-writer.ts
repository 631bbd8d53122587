/** Sheets as CSV: UTF-8 with a BOM (so Excel and WPS read Chinese correctly), CRLF, RFC 4180 quoting. */
import { safeCell, type CellValue } from './safe-cell';
import { unitLine, type Sheet } from './sheet';

export const BOM = '\uFEFF';

function field(value: CellValue): string {
  const v = safeCell(value);
  if (v === null) return '';
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

/** Yields the file in chunks of lines, so the caller can stream it with backpressure. */
export function* csvChunks(sheet: Sheet, linesPerChunk = 500): Generator<string> {
  let chunk = BOM + csvLine([sheet.title]) + csvLine([unitLine(sheet)]) + csvLine(['序号', ...sheet.columns.map((c) => c.header)]);
  let lines = 0;
  let n = 0;
  for (const row of sheet.rows) {
    chunk += csvLine([++n, ...row]);
    if (++lines >= linesPerChunk) {
      yield chunk;
      chunk = '';
      lines = 0;
    }
  }
  if (chunk) yield chunk;
}
