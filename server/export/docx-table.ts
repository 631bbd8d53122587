/** A Sheet as a printed table in summary.docx: 序号 first, the header repeated on every page, columns as wide as their content asks. */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { type ColumnContent, columnWidths } from './column-widths';
import { SIZE, STYLE } from './gongwen';
import { type CellValue, safeCell } from './safe-cell';
import type { ColumnKind } from './sheet';

export interface TableColumn {
  header: string;
  /** The header with a line break where it should wrap ("第一季度\n约谈"), as the printed xlsx sets it (sheet.ts). */
  printHeader?: string;
  kind: ColumnKind;
}

/** A cell as the text a reader sees: dates as YYYY-MM-DD, formula-like text quoted (safe-cell.ts). */
export function cellText(v: CellValue): string {
  const s = safeCell(v);
  return s === null ? '' : s instanceof Date ? s.toISOString().slice(0, 10) : String(s);
}

/** Lines become line breaks (a bare line feed in w:t shows as a space in Word), tabs spaces. */
function runs(text: string): TextRun[] {
  return text
    .replace(/\t/g, ' ')
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined }));
}

const PADDING = 45;
/** Borders and rounding: a column exactly as wide as its text wraps the last character in LibreOffice. */
const SLACK = 30;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** `rows` are the sheet's rows without 序号; the table numbers them. */
export function docxTable(columns: readonly TableColumn[], rows: Iterable<readonly CellValue[]>, width: number): Table {
  const all: TableColumn[] = [{ header: '序号', kind: 'index' }, ...columns];
  const texts: string[][] = [];
  let n = 0;
  for (const r of rows) texts.push([String(++n), ...all.slice(1).map((_, i) => cellText(r[i]))]);
  const headers = all.map((c) => c.printHeader ?? c.header);
  const content: ColumnContent[] = all.map((c, i) => ({ header: headers[i]!, fit: c.kind === 'text' ? 'text' : 'fixed', cells: texts.map((t) => t[i]!) }));
  const widths = columnWidths(content, width, Math.round(SIZE.table * 10), 2 * PADDING + SLACK);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          style: header ? STYLE.tableHeader : STYLE.table,
          alignment: header || all[i]!.kind !== 'text' ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: runs(text),
        }),
      ],
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: PADDING, right: PADDING, top: 20, bottom: 20 },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...texts.map((t) => new TableRow({ cantSplit: true, children: t.map((v, i) => cell(v, i, false)) })),
    ],
  });
}
