/** The shape every export is written from: a titled table whose rows may be produced lazily. */
import type { CellValue } from './safe-cell';

export type ColumnKind = 'index' | 'text' | 'number' | 'date';

export interface Column {
  header: string;
  /**
   * Excel column width in characters for a column of sentences: the xlsx grows such a column to its
   * longest sampled value up to this width (then fits the table to the page); other kinds take what
   * their values need.
   */
  width: number;
  kind: ColumnKind;
  /**
   * The header as the printed xlsx sets it, with a line break where a long header should wrap
   * ("第一季度\n约谈"), so a column of counts is not held wide by its header. Without it the header is
   * one line and the column at least that wide. The csv prints `header`.
   */
  printHeader?: string;
}

export interface Sheet {
  /** Worksheet tab name (≤ 31 characters, no []:*?/\). */
  name: string;
  /** Title row, e.g. "某某活动 问题清单". */
  title: string;
  /** 填报单位 */
  unit: string;
  /** 填报日期, YYYY-MM-DD. */
  date: string;
  columns: Column[];
  /**
   * Rows without the 序号 column; writers number them. Dates are YYYY-MM-DD strings. Async when they are
   * read from the store as they are written (a list streamed through `Store.scan`).
   */
  rows: Iterable<CellValue[]> | AsyncIterable<CellValue[]>;
}

/** A sheet whose rows are a plain (not async) iterable: what a sheet made from data already in hand has. */
export type SyncSheet = Sheet & { rows: Iterable<CellValue[]> };

/** Rows of a sheet before the header: title, then 填报单位 / 填报日期. */
export const HEADER_ROW = 3;

export function unitLine(sheet: Pick<Sheet, 'unit' | 'date'>): string {
  return `填报单位：${sheet.unit || '（未填写）'}    填报日期：${sheet.date}`;
}

/** A YYYY-MM-DD string as the UTC midnight Excel shows as that date; anything else unchanged. */
export function asDate(value: CellValue): CellValue {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return value;
}

/** A sheet with its rows read into an array, for writers that need them all (the summary .docx). */
export async function materialized(sheet: Sheet): Promise<SyncSheet & { rows: CellValue[][] }> {
  const rows: CellValue[][] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { ...sheet, rows };
}
