import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-reader';
import { BOM, csvChunks } from './csv-writer';
import { safeCell } from './safe-cell';
import type { Sheet } from './sheet';
import { writeXlsx } from './xlsx-writer';

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

describe('xlsx', () => {
  it('streams a sheet that exceljs reads back with merged title rows, widths and typed cells', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => out.on('end', r));
    await writeXlsx([sheet([['漏水', '2024-06-01', 2]])], out);
    await done;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    const ws = wb.getWorksheet('问题清单')!;
    expect(ws.getCell('A1').value).toBe('测试活动 问题清单');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getCell('C4').value).toEqual(new Date('2024-06-01T00:00:00Z'));
    expect(ws.getCell('C4').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D4').value).toBe(2);
  });
});
