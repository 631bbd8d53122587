/**
 * Table column widths from what the columns hold, for a printed table of fixed width (summary.docx):
 * a column of dates or counts gets what its longest value needs and no more, and the columns of
 * sentences share the rest, so cells do not wrap every few characters as equal widths made them.
 * Widths are measured in half-ems ("units"): a Chinese character, a full-width sign or an emoji is
 * two, a Latin letter or digit one — as a 仿宋 or 宋体 face sets them.
 */

export type ColumnFit = 'text' | 'fixed';

export interface ColumnContent {
  /** May hold a line break where it should wrap. */
  header: string;
  /** `fixed`: numbers, dates, 序号 — never wrapped. `text`: may wrap (a label of up to six characters only if it must). */
  fit: ColumnFit;
  cells: readonly string[];
}

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6\u2014\u2018\u2019\u201C\u201D\u2026\u2030\u203B\u2103\u2116\u2160-\u216B\u2460-\u24FF\u25A0-\u25FF\u2605\u2606\u{1F000}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const ZERO = /\p{Mn}|\p{Me}|\u200B|\u200C|\u200D/u;

/** Width of one line of text in half-ems. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return n;
}

/** The widest line of a cell. */
function lineWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r\n|\r|\n/)) widest = Math.max(widest, displayWidth(line));
  return widest;
}

const BREAKS = new RegExp(`\\s+|${WIDE.source}`, 'u');

/** The longest stretch a line may not be broken in: a Latin word or a number (any Chinese character is a break opportunity). */
function longestWord(text: string): number {
  let widest = 0;
  for (const word of text.split(BREAKS)) widest = Math.max(widest, displayWidth(word));
  return widest;
}

/** A text column's header may wrap, but not below four characters a line ("完成时限", "学习时长/（分钟）"). */
const HEADER_MIN = 8;
/** Text no wider than six characters (a name, a unit, a status) is a label: it is not wrapped if it can be helped. */
const LABEL_MAX = 12;
/** A word longer than this is broken anyway (a URL, a pasted hash): it may not hold a column open. */
const WORD_MAX = 16;
/** A text column never asks for more than this; past it, it takes its share of what is left. */
const TEXT_WANT_MAX = 80;
/** Two characters: the narrowest a column is drawn. */
const MIN = 4;

interface Need {
  min: number;
  want: number;
}

const even = (n: number) => Math.ceil(n / 2) * 2;

function need(column: ColumnContent): Need {
  // A header with its own line break ("第一季度\n约谈") is as wide as its widest line.
  const header = lineWidth(column.header);
  let widest = 0;
  let word = 0;
  for (const cell of column.cells) {
    widest = Math.max(widest, lineWidth(cell));
    word = Math.max(word, longestWord(cell));
  }
  if (column.fit === 'fixed') {
    // A number or a date is narrow and must not break; its header may take two lines ("第一/季度").
    const min = Math.max(MIN, even(header / 2), Math.min(widest, 2 * WORD_MAX));
    return { min, want: Math.max(min, Math.min(header, 2 * HEADER_MIN)) };
  }
  const headerMin = Math.min(header, HEADER_MIN);
  const min = Math.max(MIN, headerMin, widest <= LABEL_MAX ? widest : Math.min(word, WORD_MAX));
  return { min, want: Math.max(min, header, Math.min(widest, TEXT_WANT_MAX)) };
}

/**
 * Column widths in twips that add up to `total`. `unitTwips` is half an em at the table's font size
 * (10 × the size in points); `paddingTwips` is what a cell's margins and borders take.
 * Numbers and dates never wrap; their headers stay on one line unless the text columns need the
 * room, in which case the headers that save most go on two even lines ("学习/次数", not
 * "学习次/数"). The text columns share the rest: each its minimum, then in proportion to how much
 * more it wants (the HTML auto table layout, in short). If even the minimums do not fit, they are
 * scaled down together.
 */
export function columnWidths(columns: readonly ColumnContent[], total: number, unitTwips: number, paddingTwips: number): number[] {
  if (columns.length === 0) return [];
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const needs = columns.map(need);
  const text = columns.map((c) => c.fit === 'text');
  const avail = Math.max(0, total - paddingTwips * columns.length) / unitTwips;
  const minSum = sum(needs.map((n) => n.min));
  let units: number[];
  if (minSum >= avail) {
    units = needs.map((n) => (n.min * avail) / minSum);
  } else {
    const fixed = needs.map((n, i) => (text[i] ? 0 : n.want));
    const textMin = sum(needs.map((n, i) => (text[i] ? n.min : 0)));
    const textWant = sum(needs.map((n, i) => (text[i] ? n.want : 0)));
    const saving = (i: number) => needs[i]!.want - needs[i]!.min;
    for (const i of fixed.flatMap((_, i) => (text[i] ? [] : [i])).sort((a, b) => saving(b) - saving(a))) {
      if (sum(fixed) + textWant <= avail) break;
      fixed[i] = needs[i]!.min;
    }
    const rest = avail - sum(fixed);
    if (textWant === 0) units = fixed.map((f) => f + (rest * f) / sum(fixed));
    else if (textWant <= rest) units = needs.map((n, i) => (text[i] ? n.want + ((rest - textWant) * n.want) / textWant : fixed[i]!));
    else units = needs.map((n, i) => (text[i] ? n.min + ((n.want - n.min) * (rest - textMin)) / (textWant - textMin) : fixed[i]!));
  }
  const widths = units.map((u) => Math.floor(u * unitTwips + paddingTwips));
  // Rounding leaves a few twips: the widest column takes them, so the table is exactly `total` wide.
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest]! += total - sum(widths);
  return widths;
}
