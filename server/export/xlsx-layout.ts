/**
 * How the xlsx writer lays a Sheet out on printed A4 pages: orientation, margins, column widths from
 * what the columns hold, and row heights from how many lines each wrapped cell takes. Excel, WPS and
 * LibreOffice do not fit the height of wrapped rows in a file written by exceljs, so every height is
 * set here. Pure: the writer measures the first rows (SAMPLE_ROWS) and the headers, never the whole list.
 *
 * Widths are Excel column widths ("characters" of the workbook's default 11 pt font, 7 px each at
 * 96 dpi). A 宋体 character at 11 pt is 14.7 px, so a half-em of text (displayWidth's unit, a Latin
 * letter or half a Chinese character) takes UNITS_PER_HALF_EM of them.
 */
import { displayWidth } from './column-widths';
import type { Column, ColumnKind } from './sheet';

/** Rows read ahead to size the columns; the rest of a list streams past unmeasured. */
export const SAMPLE_ROWS = 200;

/** A table of more printed columns than this (序号 included) goes on landscape pages. */
export const PORTRAIT_MAX_COLUMNS = 6;

/** Page margins in inches: 15 mm either side, 20 mm top and bottom, header and footer 10 mm from the edge. */
export const MARGINS = { left: 0.59, right: 0.59, top: 0.79, bottom: 0.79, header: 0.39, footer: 0.39 } as const;

const A4_INCHES = { short: 8.27, long: 11.69 };
const PX_PER_INCH = 96;
const PX_PER_UNIT = 7;

/** 11 pt 宋体 over 11 pt Calibri's digit (7 px), a little more for fonts that replace 宋体 (Noto CJK, 思源). */
export const UNITS_PER_HALF_EM = 1.1;
/** What a cell's own left and right padding and the grid take, in width units. */
const CELL_PADDING = 2;

/** Font sizes, pt: 宋体 11 for the table (header bold), 宋体 18 bold for the title. */
export const BODY_PT = 11;
export const TITLE_PT = 18;
/** One wrapped line, pt: 1.5 em, as LibreOffice sets the Noto/思源 faces it puts for 宋体 (measured 16.4 pt; Excel's 宋体 takes 1.3 em). */
export const LINE_PT = BODY_PT * 1.5;
const ROW_PADDING_PT = 6;
/** Excel refuses a row taller than this; a longer cell is cut off in print (the csv has all of it). */
export const MAX_ROW_PT = 409;
/** The rows around the table, pt: the title, 填报单位 / 填报日期, and 制表人 / 审核人 with room to sign above the line. */
const TITLE_ROW_PT = 36;
export const UNIT_ROW_PT = 22;
export const SIGN_ROW_PT = 40;

/** Narrowest a column of each kind is drawn (the header's own width aside). */
const KIND_MIN: Record<ColumnKind, number> = {
  index: 6.5,
  // yyyy-mm-dd
  date: 10 * UNITS_PER_HALF_EM + CELL_PADDING,
  number: 6,
  // A column of sentences may shrink to six characters a line when the page is short of room.
  text: 12 * UNITS_PER_HALF_EM + CELL_PADDING,
};

/** Text up to this many half-ems (six characters: a name, a unit, 是/否) is a label: not wrapped, centred like the numbers. */
const LABEL_MAX = 12;

/**
 * fit-to-width may print the table this much smaller (11 pt at 80 % is about 9 pt, 小五) before the
 * columns of sentences are narrowed to fit.
 */
export const MIN_PRINT_SCALE = 0.8;

export type Orientation = 'portrait' | 'landscape';

export function orientationOf(printedColumns: number): Orientation {
  return printedColumns > PORTRAIT_MAX_COLUMNS ? 'landscape' : 'portrait';
}

/** Width units across the printable part of an A4 page, less 3 % for renderers that measure a little wider. */
export function pageWidthUnits(orientation: Orientation): number {
  const paper = orientation === 'landscape' ? A4_INCHES.long : A4_INCHES.short;
  return ((paper - MARGINS.left - MARGINS.right) * PX_PER_INCH * 0.97) / PX_PER_UNIT;
}

/** Width units a text of `halfEms` needs on one line. */
const unitsFor = (halfEms: number) => halfEms * UNITS_PER_HALF_EM + CELL_PADDING;

export interface PlannedColumn {
  /** Excel column width. */
  width: number;
  horizontal: 'left' | 'center';
}

/** A header as the printed table sets it: on one line, or broken where the layout says. */
export const printedHeader = (column: Column): string => column.printHeader ?? column.header;

/** The widest line of a cell, in half-ems. */
function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r\n|\r|\n/)) widest = Math.max(widest, displayWidth(line));
  return widest;
}

/** Ten characters a line: a column of sentences gives up width below this only after the page has been scaled down. */
const COMFORTABLE = 20 * UNITS_PER_HALF_EM + CELL_PADDING;

interface Plan {
  floor: number;
  want: number;
  width: number;
  sentences: boolean;
}

/** Narrows the columns of sentences together, none below `floorOf`, until the table is `target` wide (or they are all at it). */
function shrink(plans: Plan[], target: number, floorOf: (p: Plan) => number): void {
  const total = plans.reduce((s, p) => s + p.width, 0);
  if (total <= target) return;
  const spare = plans.reduce((s, p) => s + (p.sentences ? Math.max(0, p.width - floorOf(p)) : 0), 0);
  const share = spare > 0 ? Math.min(1, (total - target) / spare) : 0;
  for (const p of plans) if (p.sentences) p.width -= Math.max(0, p.width - floorOf(p)) * share;
}

/**
 * Widths for the printed columns (序号 first, then the sheet's), from the headers and the sampled
 * rows (cells as shown): every header line whole; numbers, dates and labels as wide as their widest value; a column of
 * sentences as wide as its widest value up to the layout's `width`. While the table is narrower than
 * the page, the columns of sentences grow towards their widest value; while it is wider, they narrow
 * to ten characters a line, then the page may be printed down to MIN_PRINT_SCALE, then they narrow
 * to six characters; past that, fit-to-width scales the page further.
 */
export function planColumns(columns: readonly Column[], sample: readonly (readonly string[])[], orientation: Orientation): PlannedColumn[] {
  const all: Array<{ kind: ColumnKind; header: string; cap: number }> = [
    { kind: 'index', header: '序号', cap: Number.POSITIVE_INFINITY },
    ...columns.map((c) => ({ kind: c.kind, header: printedHeader(c), cap: c.width })),
  ];
  const plans: Plan[] = all.map((col, i) => {
    const widest = sample.reduce((w, row) => Math.max(w, widestLine(row[i] ?? '')), 0);
    const header = unitsFor(widestLine(col.header));
    if (col.kind !== 'text' || widest <= LABEL_MAX) {
      const width = Math.max(header, KIND_MIN[col.kind === 'text' ? 'number' : col.kind], unitsFor(widest));
      return { floor: width, want: width, width, sentences: false };
    }
    const floor = Math.max(header, KIND_MIN.text);
    const want = Math.max(floor, unitsFor(widest));
    return { floor, want, width: Math.max(floor, Math.min(want, col.cap)), sentences: true };
  });

  const page = pageWidthUnits(orientation);
  const total = plans.reduce((s, p) => s + p.width, 0);
  if (total < page) {
    const short = plans.reduce((s, p) => s + (p.sentences ? p.want - p.width : 0), 0);
    const share = short > 0 ? Math.min(1, (page - total) / short) : 0;
    for (const p of plans) if (p.sentences) p.width += (p.want - p.width) * share;
  } else {
    shrink(plans, page, (p) => Math.max(p.floor, COMFORTABLE));
    shrink(plans, page / MIN_PRINT_SCALE, (p) => p.floor);
  }
  return plans.map((p) => ({ width: Math.round(p.width * 10) / 10, horizontal: p.sentences ? 'left' : 'center' }));
}

/** A paragraph as the pieces a line may break between: a space, one wide character, or a run of anything else (a word). */
function* tokens(paragraph: string): Generator<{ width: number; space: boolean }> {
  let word = 0;
  for (const ch of paragraph) {
    const w = displayWidth(ch);
    const space = /\s/u.test(ch);
    if (w < 2 && !space) {
      word += w;
      continue;
    }
    if (word) yield { width: word, space: false };
    word = 0;
    yield { width: w, space };
  }
  if (word) yield { width: word, space: false };
}

/**
 * Lines a text takes when wrapped in a column `width` units wide: each paragraph fills lines greedily;
 * a line may break after any Chinese character or at a space; a Latin word or URL longer than a line
 * is broken where lines end (renderers differ on where it starts: this takes the taller way).
 */
export function wrappedLines(text: string, width: number): number {
  // The epsilon keeps 13.2 / 1.1 at 12, not 11.999….
  const perLine = Math.max(1, Math.floor((width - CELL_PADDING) / UNITS_PER_HALF_EM + 1e-9));
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines++;
    let used = 0;
    for (const { width: w, space } of tokens(paragraph)) {
      if (used + w <= perLine) used += w;
      else if (space)
        continue; // a space at the end of a line is not drawn
      else if (w <= perLine) {
        lines++;
        used = w;
      } else {
        // A word longer than a line (a URL) starts a line of its own and is broken where lines end.
        lines += (used > 0 ? 1 : 0) + Math.ceil(w / perLine) - 1;
        used = w % perLine || perLine;
      }
    }
  }
  return lines;
}

/** Height of a table row whose cells hold `texts` in columns `widths` wide (pt), every line showing. */
export function rowHeight(texts: readonly string[], widths: readonly number[]): number {
  let lines = 1;
  texts.forEach((text, i) => {
    if (text) lines = Math.max(lines, wrappedLines(text, widths[i]!));
  });
  return Math.min(MAX_ROW_PT, lines * LINE_PT + ROW_PADDING_PT);
}

/** Height of the title row (pt): a campaign's long name wraps in the merged title cell rather than run off the table. */
export function titleHeight(title: string, tableWidth: number): number {
  // The title's half-ems are TITLE_PT / BODY_PT times as wide as the body's.
  const lines = wrappedLines(title, tableWidth * (BODY_PT / TITLE_PT));
  return Math.max(TITLE_ROW_PT, Math.min(MAX_ROW_PT, lines * TITLE_PT * 1.5 + ROW_PADDING_PT));
}
