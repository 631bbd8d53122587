/**
 * Streams sheets as an .xlsx workbook with exceljs's WorkbookWriter: each row is committed as it
 * is produced, so a 50,000-row list is never held as a second in-memory workbook.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { safeCell } from './safe-cell';
import { HEADER_ROW, asDate, unitLine, type Sheet } from './sheet';

const DATE_FORMAT = 'yyyy-mm-dd';

export async function writeXlsx(sheets: readonly Sheet[], out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '台账';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
    ws.columns = [{ key: 'n', width: 6 }, ...sheet.columns.map((col, i) => ({ key: `c${i}`, width: col.width }))];
    const last = sheet.columns.length + 1;

    const title = ws.addRow([safeCell(sheet.title)]);
    title.font = { bold: true, size: 14 };
    ws.addRow([safeCell(unitLine(sheet))]);
    // Merged before committing: the stream writer cannot touch a row once it is written out.
    ws.mergeCells(1, 1, 1, last);
    ws.mergeCells(2, 1, 2, last);
    const header = ws.addRow(['序号', ...sheet.columns.map((c) => c.header)]);
    header.font = { bold: true };
    header.commit();

    let n = 0;
    for (const row of sheet.rows) {
      n++;
      const values = sheet.columns.map((col, i) => safeCell(col.kind === 'date' ? asDate(row[i]) : row[i]));
      const r = ws.addRow([n, ...values]);
      sheet.columns.forEach((col, i) => {
        if (col.kind === 'date') r.getCell(i + 2).numFmt = DATE_FORMAT;
      });
      r.commit();
    }
    await ws.commit();
  }
  await workbook.commit();
}
