/**
 * Lists bench: opinion grouping quality on the labeled fixture (pairwise P/R/F1, against two simpler
 * baselines measured in the same run), grouping time up to 10k opinions, and export time and peak
 * memory for 50k rows (streamed xlsx and csv against exceljs's in-memory workbook).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GROUPING, groupOpinions, type GroupingOptions, type OpinionInput } from '../shared/grouping/cluster';
import { scoreLabeled, WITHOUT_THESAURUS, type LabeledOpinion } from '../shared/grouping/labeled-score';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const readOpinions = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { opinions: LabeledOpinion[] }).opinions;

/** The grouping as it was before the held-out work: words + bigrams + a thesaurus written beside labeled.json. */
const WORDS_AND_BIGRAMS: GroupingOptions = { threshold: 0.22, categoryWeight: 0.08, terms: { unigram: 0, word: 1, bigram: 1, concept: 0 }, unsharedWeight: 1 };

function qualityRows(labeled: readonly LabeledOpinion[]): string[] {
  const variants: Array<[string, GroupingOptions]> = [
    ['default: character unigrams + general thesaurus + category evidence', DEFAULT_GROUPING],
    ['no thesaurus (characters + category only)', WITHOUT_THESAURUS],
    ['no category evidence', { ...DEFAULT_GROUPING, categoryWeight: 0 }],
    ['baseline: segmenter words + bigrams, no thesaurus', WORDS_AND_BIGRAMS],
  ];
  return variants.map(([name, options]) => {
    const q = scoreLabeled(labeled, options);
    return `| ${name} | ${q.precision.toFixed(3)} | ${q.recall.toFixed(3)} | ${q.f1.toFixed(3)} | ${q.groups} / ${q.clusters} |`;
  });
}

/** Synthetic opinions: ~n/8 complaints, each said in several ways with different places and details. */
function synthetic(n: number): OpinionInput[] {
  const places = ['一号楼', '二号楼', '东区', '西区', '南校区', '北校区', '图书馆', '第一食堂', '第二食堂', '实验楼', '体育馆', '研究生公寓'];
  const topics = ['热水供应时间短', '空调坏了没人修', '网速太慢', '饭菜价格上涨', '自习座位不够', '快递取件排长队', '路灯不亮', '门禁经常失灵', '洗衣机太少', '垃圾清运不及时', '选课系统卡顿', '实验设备老化', '报销流程繁琐', '停车位紧张', '电动车充电难', '宿舍漏水'];
  const asks = ['希望尽快解决', '建议学校重视', '反映多次没有改善', '影响正常学习生活', '请相关部门处理', '学生意见很大'];
  const cats = ['后勤服务', '教学管理', '校园安全', '学生事务'];
  let seed = 42;
  const rnd = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const topic = rnd(topics.length);
    const place = rnd(places.length);
    return { id: `s${i}`, content: `${places[place]}${topics[topic]}，${asks[rnd(asks.length)]}（第${rnd(500)}条）`, category: cats[topic % cats.length]!, order: String(i).padStart(6, '0') };
  });
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

function exportRun(mode: string, rows: number) {
  const out = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(here, 'lists-export-child.ts'), mode, String(rows)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; bytes: number; peakRssMb: number; baseRssMb: number; peakHeapMb: number };
}

export default async function (): Promise<string> {
  const lines: string[] = ['### Lists: opinion grouping and exports', ''];

  const header = ['| variant | precision | recall | F1 | groups / true clusters |', '|---|---|---|---|---|'];
  const heldout = readOpinions(path.join(root, 'test/fixtures/opinions/heldout.json'));
  lines.push(
    `Grouping quality, pairwise (aim: precision ≥ 0.9, F1 ≥ 0.8). **Held-out** \`test/fixtures/opinions/heldout.json\` (${heldout.length} opinions, ${new Set(heldout.map((o) => o.cluster)).size} clusters with same-place traps), written before the algorithm changed:`,
    '',
    ...header,
    ...qualityRows(heldout),
    '',
  );
  const referenceFile = path.resolve(root, '../shared/fixtures/opinions/labeled.json');
  if (existsSync(referenceFile)) {
    const reference = readOpinions(referenceFile);
    lines.push(`**Reference** \`shared/fixtures/opinions/labeled.json\` (${reference.length} opinions); the parameters were chosen mainly on this file (the sweep also printed held-out scores, so held-out is not fully blind):`, '', ...header, ...qualityRows(reference), '');
  } else lines.push('Reference fixture not present: only held-out figures above.', '');
  lines.push(
    'Honest reading: the "no thesaurus" rows are what the similarity does on vocabulary nobody foresaw. The general thesaurus (shared/grouping/concepts.ts, ~40 synonym sets) was rewritten without fixture-specific entries, but by the same engineer who had just written heldout.json, so the held-out default row is somewhat optimistic too. Held-out F1 stays below the 0.8 aim; precision meets 0.9.',
    '',
  );

  lines.push('Grouping time (synthetic opinions, deterministic; one full regroup):', '', '| opinions | ms | ratio vs 1k | groups |', '|---|---|---|---|');
  let base = 0;
  for (const n of [1000, 5000, 10000]) {
    const data = synthetic(n);
    groupOpinions(data.slice(0, 200)); // warm-up
    const { ms, result } = time(() => groupOpinions(data));
    if (n === 1000) base = ms;
    lines.push(`| ${n} | ${ms.toFixed(0)} | ${(ms / base).toFixed(1)}× | ${result.length} |`);
  }
  lines.push('', 'The server caches the grouping per campaign and regroups only when a record or decision changes.', '');

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
    ...runs.map(([name, r]) => `| ${name} | ${r.ms.toFixed(0)} | ${(r.bytes / 2 ** 20).toFixed(1)} | ${(r.peakRssMb - r.baseRssMb).toFixed(0)} | ${(r.ms / baseline.ms).toFixed(2)}× / ${((r.peakRssMb - r.baseRssMb) / (baseline.peakRssMb - baseline.baseRssMb)).toFixed(2)}× |`),
    '',
  );
  return lines.join('\n');
}
