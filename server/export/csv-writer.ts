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

const headOf = (sheet: Sheet) => BOM + csvLine([sheet.title]) + csvLine([unitLine(sheet)]) + csvLine(['序号', ...sheet.columns.map((c) => c.header)]);

/** Lines gathered into chunks of `linesPerChunk`, numbered from 1. */
class Chunker {
  private chunk: string;
  private lines = 0;
  private n = 0;
  constructor(
    head: string,
    private readonly linesPerChunk: number,
  ) {
    this.chunk = head;
  }
  /** Adds a row; answers a full chunk when there is one. */
  add(row: readonly CellValue[]): string | null {
    this.chunk += csvLine([++this.n, ...row]);
    if (++this.lines < this.linesPerChunk) return null;
    const full = this.chunk;
    this.chunk = '';
    this.lines = 0;
    return full;
  }
  rest(): string | null {
    return this.chunk || null;
  }
}

/** Yields the file in chunks of lines, so the caller can stream it with backpressure. Rows must be a plain iterable. */
export function* csvChunks(sheet: Sheet, linesPerChunk = 500): Generator<string> {
  if (!(Symbol.iterator in sheet.rows)) throw new Error('csvChunks needs rows that are not async; use csvChunksAsync');
  const chunker = new Chunker(headOf(sheet), linesPerChunk);
  for (const row of sheet.rows) {
    const full = chunker.add(row);
    if (full) yield full;
  }
  const rest = chunker.rest();
  if (rest) yield rest;
}

/**
 * The same file from rows that may come from the store a batch at a time (an async iterable): each
 * chunk is yielded as soon as its rows are read, and the next rows are read only when it is taken, so
 * a slow download reads the store no faster than it is sent.
 */
export async function* csvChunksAsync(sheet: Sheet, linesPerChunk = 500): AsyncGenerator<string> {
  const chunker = new Chunker(headOf(sheet), linesPerChunk);
  for await (const row of sheet.rows) {
    const full = chunker.add(row);
    if (full) yield full;
  }
  const rest = chunker.rest();
  if (rest) yield rest;
}
