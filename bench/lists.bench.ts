/**
 * Lists bench: export time and peak memory for 50k rows (streamed xlsx and csv against exceljs's
 * in-memory workbook). Opinion grouping has its own bench (grouping.bench.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function exportRun(mode: string, rows: number) {
  const out = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(here, 'lists-export-child.ts'), mode, String(rows)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; bytes: number; peakRssMb: number; baseRssMb: number; peakHeapMb: number };
}

export default async function (): Promise<string> {
  const lines: string[] = ['### Lists: exports', ''];

  const rows = 50_000;
  const runs = [
    ['xlsx, exceljs in-memory workbook (baseline)', exportRun('xlsx-in-memory', rows)],
    ['xlsx, streamed (WorkbookWriter, as served)', exportRun('xlsx-stream', rows)],
    ['csv, streamed with BOM (as served)', exportRun('csv-stream', rows)],
  ] as const;
  const baseline = runs[0][1];
  lines.push(
    `Export of ${rows.toLocaleString('en')} rows × 7 columns, each in a fresh process (peak RSS above the process's starting RSS):`,
    '',
    '| writer | ms | MB written | peak RSS growth MB | ratio vs baseline (time / memory) |',
    '|---|---|---|---|---|',
    ...runs.map(
      ([name, r]) =>
        `| ${name} | ${r.ms.toFixed(0)} | ${(r.bytes / 2 ** 20).toFixed(1)} | ${(r.peakRssMb - r.baseRssMb).toFixed(0)} | ${(r.ms / baseline.ms).toFixed(2)}× / ${((r.peakRssMb - r.baseRssMb) / (baseline.peakRssMb - baseline.baseRssMb)).toFixed(2)}× |`,
    ),
    '',
  );
  return lines.join('\n');
}
