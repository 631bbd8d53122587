/**
 * One export of N synthetic rows in a fresh process, so peak memory is this export's alone.
 * Usage: tsx bench/lists-export-child.ts <xlsx-stream|csv-stream|xlsx-in-memory> <rows>
 * Prints one JSON line: { ms, bytes, peakRssMb, baseRssMb, peakHeapMb }.
 */
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { once } from 'node:events';
import { csvChunks } from '../server/export/csv-writer';
import type { Sheet } from '../server/export/sheet';
import { writeXlsx } from '../server/export/xlsx-writer';

const [mode = 'xlsx-stream', rowsArg = '50000'] = process.argv.slice(2);
const n = Number(rowsArg);

function sheet(): Sheet {
  return {
    name: '任务清单',
    title: '基准测试 任务清单',
    unit: '党委办公室',
    date: '2024-06-30',
    columns: [
      { header: '问题描述', width: 36, kind: 'text' },
      { header: '整改措施', width: 40, kind: 'text' },
      { header: '责任部门', width: 16, kind: 'text' },
      { header: '完成时限', width: 12, kind: 'date' },
      { header: '整改进展', width: 36, kind: 'text' },
      { header: '次数', width: 8, kind: 'number' },
    ],
    // Rows are produced one at a time, as the lists route produces them from the store.
    rows: (function* () {
      for (let i = 0; i < n; i++)
        yield [
          `第${i}号问题：宿舍楼热水供应时间短，学生反映强烈`,
          `延长热水供应时间并增设热水器 ${i}`,
          '后勤处',
          `2024-${String((i % 12) + 1).padStart(2, '0')}-15`,
          i % 7 === 0 ? '=SUM(A1:A2)' : '已完成设备采购，正在安装调试',
          i % 9,
        ];
    })(),
  };
}

class Counter extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.bytes += chunk.length;
    cb();
  }
}

const baseRss = process.memoryUsage().rss;
let peakRss = baseRss;
let peakHeap = process.memoryUsage().heapUsed;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 10);

const start = performance.now();
const out = new Counter();
if (mode === 'xlsx-stream') {
  await writeXlsx([sheet()], out);
} else if (mode === 'csv-stream') {
  for (const chunk of csvChunks(sheet())) if (!out.write(chunk)) await once(out, 'drain');
} else {
  // The baseline: the whole workbook built in memory, then serialised to a buffer.
  const wb = new ExcelJS.Workbook();
  const s = sheet();
  const ws = wb.addWorksheet(s.name);
  ws.addRow([s.title]);
  ws.addRow([s.unit]);
  ws.addRow(['序号', ...s.columns.map((c) => c.header)]);
  let i = 0;
  for (const r of s.rows) ws.addRow([++i, ...r]);
  out.write(Buffer.from(await wb.xlsx.writeBuffer()));
}
const ms = performance.now() - start;
clearInterval(timer);
const m = process.memoryUsage();
peakRss = Math.max(peakRss, m.rss);
console.log(JSON.stringify({ ms, bytes: out.bytes, peakRssMb: peakRss / 2 ** 20, baseRssMb: baseRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 }));
