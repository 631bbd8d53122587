import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-reader';
import { BOM, csvChunks, csvChunksAsync } from './csv-writer';
import { safeCell } from './safe-cell';
import { displayWidth } from './column-widths';
import { HEADER_ROW, type Sheet } from './sheet';
import { LINE_PT, SAMPLE_ROWS, UNITS_PER_HALF_EM, wrappedLines } from './xlsx-layout';
import { ExportAbortedError, writeXlsx } from './xlsx-writer';

describe('formula neutralisation', () => {
  it.each(['=1+1', '+86 10 1234', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])('quotes %j so it stays text', (v) => {
    expect(safeCell(v)).toBe(`'${v}`);
  });
  it('leaves ordinary text, numbers and dates alone', () => {
    expect(safeCell('澡堂排队=问题')).toBe('澡堂排队=问题');
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
  });
});

const sheet = (rows: Array<Array<string | number | null>>): Sheet => ({
  name: '问题清单',
  title: '测试活动 问题清单',
  unit: '党委办公室',
  date: '2024-06-30',
  columns: [
    { header: '问题描述', width: 30, kind: 'text' },
    { header: '完成时限', width: 12, kind: 'date' },
    { header: '次数', width: 8, kind: 'number' },
  ],
  rows,
});

describe('csv', () => {
  it('starts with a BOM and round-trips quotes, commas and line breaks', () => {
    const text = [
      ...csvChunks(
        sheet([
          ['他说"太贵了",\n还说', '2024-06-01', 3],
          ['=cmd|x', null, null],
        ]),
        1,
      ),
    ].join('');
    expect(text.startsWith(BOM)).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['测试活动 问题清单']);
    expect(rows[1]).toEqual(['填报单位：党委办公室    填报日期：2024-06-30']);
    expect(rows[2]).toEqual(['序号', '问题描述', '完成时限', '次数']);
    expect(rows[3]).toEqual(['1', '他说"太贵了",\n还说', '2024-06-01', '3']);
    expect(rows[4]).toEqual(['2', "'=cmd|x", '', '']);
    expect(rows).toHaveLength(5);
  });
});

async function xlsxOf(sheets: Sheet[]): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  await writeXlsx(sheets, out);
  await done;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as never);
  return wb;
}

describe('xlsx', () => {
  it('streams a sheet that exceljs reads back with merged title rows, widths and typed cells', async () => {
    const ws = (await xlsxOf([sheet([['漏水', '2024-06-01', 2]])])).getWorksheet('问题清单')!;
    expect(ws.getCell('A1').value).toBe('测试活动 问题清单');
    expect(ws.getCell('A1').isMerged).toBe(true);
    // As wide as its header needs, not the layout's 30: nothing longer was written under it.
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(displayWidth('问题描述') * UNITS_PER_HALF_EM);
    expect(ws.getColumn(2).width).toBeLessThan(30);
    expect(ws.getCell('C4').value).toEqual(new Date('2024-06-01T00:00:00Z'));
    expect(ws.getCell('C4').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D4').value).toBe(2);
  });

  it('sizes the columns from the first rows and still fits every later row to its text', async () => {
    const long = '宿舍楼热水供应时间短，学生反映强烈，'.repeat(6);
    const rows = Array.from({ length: SAMPLE_ROWS + 50 }, (_, i) => [i < SAMPLE_ROWS ? `第${i}号问题：热水供应时间短` : long, '2024-06-01', i]);
    const ws = (await xlsxOf([sheet(rows)])).getWorksheet('问题清单')!;
    const first = HEADER_ROW + 1;
    expect(ws.getRow(first).getCell(2).value).toBe('第0号问题：热水供应时间短');
    expect(ws.getRow(first + SAMPLE_ROWS + 49).getCell(4).value).toBe(SAMPLE_ROWS + 49);
    const width = ws.getColumn(2).width!;
    expect(ws.getRow(first + SAMPLE_ROWS).height).toBeGreaterThanOrEqual(wrappedLines(long, width) * LINE_PT);
    expect(ws.getRow(first + SAMPLE_ROWS).height).toBeGreaterThan(2 * ws.getRow(first).height);
    // 制表人 / 审核人 right under the last row.
    expect(String(ws.getRow(first + SAMPLE_ROWS + 50).getCell(1).value)).toContain('制表人');
  });
});

describe('streamed rows', () => {
  const TOTAL = 200_000;
  /** Rows made one by one, as a store scan hands them over, counting how many were made and whether the source was let go. */
  function source() {
    const state = { made: 0, released: false };
    async function* rows(): AsyncGenerator<Array<string | number | null>> {
      try {
        for (let i = 0; i < TOTAL; i++) {
          state.made++;
          // A batch boundary now and then: the store answers asynchronously.
          if (i % 100 === 0) await new Promise((r) => setImmediate(r));
          yield [`第${i}号问题：宿舍楼热水供应时间短，学生反映强烈`, '2024-06-01', i];
        }
      } finally {
        state.released = true;
      }
    }
    return { state, sheet: { ...sheet([]), rows: rows() } };
  }
  /** Waits until `state.made` stops moving (the writer is waiting for the reader). */
  async function stalled(state: { made: number }): Promise<void> {
    for (let last = -1; state.made !== last; ) {
      last = state.made;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('xlsx: rows are read only as fast as the file is taken, and a closed download stops the reading', async () => {
    const { state, sheet: lazy } = source();
    const out = new PassThrough();
    // Nobody reads `out`: the writer must stop asking for rows once it is full.
    const writing = writeXlsx([lazy], out);
    await stalled(state);
    expect(state.made).toBeGreaterThan(0);
    expect(state.made).toBeLessThan(TOTAL);
    out.destroy();
    await expect(writing).rejects.toBeInstanceOf(ExportAbortedError);
    expect(state.released).toBe(true);
  });

  it('csv: rows are read a chunk at a time as the chunks are taken', async () => {
    const { state, sheet: lazy } = source();
    const chunks = csvChunksAsync(lazy, 50);
    const first = await chunks.next();
    expect(parseCsv(String(first.value)).slice(3)).toHaveLength(50);
    expect(state.made).toBeLessThanOrEqual(51);
    await chunks.return(undefined);
    expect(state.released).toBe(true);
  });
});
