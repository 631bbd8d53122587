/**
 * Streams sheets as an .xlsx workbook with exceljs's WorkbookWriter: each row is committed as it
 * is produced, so a 50,000-row list is never held as a second in-memory workbook. Each sheet prints
 * as an official ledger (xlsx-layout.ts has the measures): A4, one page wide, the title merged and
 * centred, 填报单位 / 填报日期, the bordered table under a header repeated on every page, row heights
 * that show every wrapped line, 制表人 / 审核人 to sign under it and "第 x 页 共 y 页" at the foot.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { safeCell, type CellValue } from './safe-cell';
import { HEADER_ROW, asDate, unitLine, type Sheet } from './sheet';
import {
  BODY_PT,
  MARGINS,
  SAMPLE_ROWS,
  SIGN_ROW_PT,
  TITLE_PT,
  UNIT_ROW_PT,
  orientationOf,
  planColumns,
  printedHeader,
  rowHeight,
  titleHeight,
  type PlannedColumn,
} from './xlsx-layout';

export const DATE_FORMAT = 'yyyy-mm-dd';
export const PAGE_FOOTER = '&C第 &P 页 共 &N 页';
export const SIGN_LINE = { preparer: '制表人：______________', reviewer: '审核人：______________' };
/** The faces a printed ledger is set in (the 11 pt body, the 18 pt bold title). */
export const FONT = { body: '宋体', title: '宋体' };

/** GB 2312: tells Excel and WPS the font is Chinese even where 宋体 is not installed. */
const CHINESE = 134;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (size: number, bold = false, name = FONT.body): Partial<ExcelJS.Font> => ({ name, size, bold, charset: CHINESE });

/**
 * One style object per kind of cell, shared by every cell of that kind: exceljs then finds its style
 * id by identity instead of serialising fonts and borders for each of 50,000 rows.
 */
function stylesFor(sheet: Sheet, plan: readonly PlannedColumn[]) {
  const kinds = ['index', ...sheet.columns.map((c) => c.kind)];
  return {
    title: { font: font(TITLE_PT, true, FONT.title), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } } as Partial<ExcelJS.Style>,
    unit: { font: font(BODY_PT), alignment: { horizontal: 'left', vertical: 'middle' } } as Partial<ExcelJS.Style>,
    sign: { font: font(BODY_PT), alignment: { horizontal: 'left', vertical: 'bottom' } } as Partial<ExcelJS.Style>,
    header: {
      font: font(BODY_PT, true),
      border: BORDER,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    } as Partial<ExcelJS.Style>,
    body: plan.map(
      (col, i): Partial<ExcelJS.Style> => ({
        font: font(BODY_PT),
        border: BORDER,
        alignment: { horizontal: col.horizontal, vertical: 'middle', wrapText: true },
        ...(kinds[i] === 'date' ? { numFmt: DATE_FORMAT } : {}),
      }),
    ),
  };
}

/** A cell's value as it is shown, to measure it. */
function shown(value: string | number | Date | null): string {
  if (value === null) return '';
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/** The download was abandoned (the client went away): stop reading rows, nothing more will be sent. */
export class ExportAbortedError extends Error {
  constructor() {
    super('导出已中止：下载连接已关闭');
    this.name = 'ExportAbortedError';
  }
}

/**
 * Waits while `out` holds more than its buffer (the client reads slower than rows are made): rows from
 * the store are then read no faster than the file is sent, so a slow download does not pile the sheet up
 * in memory. Throws once `out` is closed, so the rows' source (a store scan) is let go at once.
 */
async function keepPace(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new ExportAbortedError();
  if (!out.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', closed);
      resolve();
    };
    const closed = () => {
      out.off('drain', done);
      reject(new ExportAbortedError());
    };
    out.once('drain', done);
    out.once('close', closed);
  });
}

/**
 * Sheets may be given lazily (an async iterable): each is then made when the writer reaches it, so a
 * workbook of every list loads one list's data at a time.
 */
export async function writeXlsx(sheets: Iterable<Sheet> | AsyncIterable<Sheet>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '台账';
  for await (const sheet of sheets) await writeSheet(workbook, sheet, out);
  await workbook.commit();
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Sheet, out: Writable): Promise<void> {
  const rows: AsyncIterator<CellValue[]> | Iterator<CellValue[]> =
    Symbol.asyncIterator in sheet.rows ? sheet.rows[Symbol.asyncIterator]() : sheet.rows[Symbol.iterator]();
  let finished = false;
  try {
    await writeRows(workbook, sheet, rows, out);
    finished = true;
  } finally {
    // An abandoned download (or a failure) lets the rows' source go at once: a store scan stops reading.
    if (!finished) await rows.return?.();
  }
}

async function writeRows(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: Sheet,
  rows: AsyncIterator<CellValue[]> | Iterator<CellValue[]>,
  out: Writable,
): Promise<void> {
  const last = sheet.columns.length + 1;
  const orientation = orientationOf(last);

  // Rows are read ahead only as far as SAMPLE_ROWS to size the columns; the rest stream past.
  const ahead: Array<Array<string | number | Date | null>> = [];
  let n = 0;
  const cellsOf = (row: CellValue[]) => [++n, ...sheet.columns.map((col, i) => safeCell(col.kind === 'date' ? asDate(row[i]) : row[i]))];
  while (ahead.length < SAMPLE_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    ahead.push(cellsOf(next.value));
  }
  const plan = planColumns(
    sheet.columns,
    ahead.map((cells) => cells.map(shown)),
    orientation,
  );
  const widths = plan.map((p) => p.width);
  const styles = stylesFor(sheet, plan);

  const ws = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { ...MARGINS },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: PAGE_FOOTER },
  });
  ws.columns = widths.map((width, i) => ({ key: `c${i}`, width }));

  const title = ws.addRow([safeCell(sheet.title)]);
  title.height = titleHeight(
    sheet.title,
    widths.reduce((a, b) => a + b, 0),
  );
  title.getCell(1).style = styles.title;
  const unit = ws.addRow([safeCell(unitLine(sheet))]);
  unit.height = UNIT_ROW_PT;
  unit.getCell(1).style = styles.unit;
  // Merged before committing: the stream writer cannot touch a row once it is written out.
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);
  title.commit();
  unit.commit();

  const headers = ['序号', ...sheet.columns.map(printedHeader)];
  const header = ws.addRow(headers);
  header.height = rowHeight(headers, widths);
  for (let c = 1; c <= last; c++) header.getCell(c).style = styles.header;
  header.commit();

  const write = (cells: Array<string | number | Date | null>) => {
    const r = ws.addRow(cells);
    r.height = rowHeight(cells.map(shown), widths);
    for (let c = 1; c <= last; c++) r.getCell(c).style = styles.body[c - 1]!;
    r.commit();
  };
  for (const cells of ahead) write(cells);
  ahead.length = 0;
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    write(cellsOf(next.value));
    await keepPace(out);
  }

  // 制表人 under the left half of the table, 审核人 under the right.
  const split = Math.max(1, Math.ceil(last / 2));
  const signRow = HEADER_ROW + n + 1;
  const sign = ws.addRow([]);
  sign.height = SIGN_ROW_PT;
  sign.getCell(1).value = SIGN_LINE.preparer;
  sign.getCell(1).style = styles.sign;
  if (last > 1) {
    sign.getCell(split + 1).value = SIGN_LINE.reviewer;
    sign.getCell(split + 1).style = styles.sign;
    if (split > 1) ws.mergeCells(signRow, 1, signRow, split);
    if (last > split + 1) ws.mergeCells(signRow, split + 1, signRow, last);
  } else {
    sign.getCell(1).value = `${SIGN_LINE.preparer}    ${SIGN_LINE.reviewer}`;
  }
  sign.commit();
  await ws.commit();
}
