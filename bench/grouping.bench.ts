/**
 * Grouping bench (issue 10's measuring stick): per labelled set, pairwise precision / recall / F1 of
 * the automatic grouping and the office's clicks per 100 opinions to reach the true grouping from it
 * (shared/grouping/office-effort.ts), beside the no-lexicon floor and the clicks of merging by hand,
 * all measured in the same run; then grouping time on distinct realistic opinions.
 *
 * Which sets the method's parameters were chosen on is said per row: a row is only evidence of
 * generalisation if its set was not used for tuning.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GROUPING, groupOpinions, type OpinionInput } from '../shared/grouping/cluster';
import { scoreLabeled, WITHOUT_THESAURUS, type LabeledOpinion } from '../shared/grouping/labeled-score';
import { distinctOpinions } from '../test/support/distinct-opinions';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

interface LabeledSet {
  name: string;
  file: string;
  /** How the current method relates to this set. */
  role: string;
}

const SETS: LabeledSet[] = [
  { name: 'set-a', file: 'test/fixtures/opinions/set-a.json', role: 'unseen (independent hand)' },
  { name: 'set-b', file: 'test/fixtures/opinions/set-b.json', role: 'unseen (independent hand)' },
  { name: 'set-c', file: 'test/fixtures/opinions/set-c.json', role: 'unseen (independent hand)' },
  { name: 'set-d', file: 'test/fixtures/opinions/set-d.json', role: 'unseen (independent hand)' },
  { name: 'heldout', file: 'test/fixtures/opinions/heldout.json', role: 'checked during tuning' },
  { name: 'reference', file: '../shared/fixtures/opinions/labeled.json', role: 'tuned on' },
];

const readOpinions = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { opinions: LabeledOpinion[] }).opinions;
const f2 = (x: number) => x.toFixed(2);

function timeMs(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export default async function (): Promise<string> {
  const lines = [
    "### Grouping: quality per set and the office's effort",
    '',
    'Pairwise precision / recall / F1 (aim: precision ≥ 0.9 on every unseen set, F1 ≥ 0.8); clicks per 100 opinions for the office to reach the true grouping (split wrong merges, merge what was left apart), against merging everything by hand. "Floor" = the same method without the hand-written thesaurus (shared/grouping/concepts.ts).',
    '',
    '| set | opinions / clusters | role | P | R | F1 | clicks/100 | floor P / R / F1 | floor clicks/100 | by hand clicks/100 |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const set of SETS) {
    const file = path.resolve(root, set.file);
    if (!existsSync(file)) {
      lines.push(`| ${set.name} | — | not present here | | | | | | | |`);
      continue;
    }
    const opinions = readOpinions(file);
    const q = scoreLabeled(opinions, DEFAULT_GROUPING);
    const floor = scoreLabeled(opinions, WITHOUT_THESAURUS);
    lines.push(
      `| ${set.name} | ${q.opinions} / ${q.clusters} | ${set.role} | ${f2(q.precision)} | ${f2(q.recall)} | ${f2(q.f1)} | ${q.effort.per100.toFixed(0)} | ${f2(floor.precision)} / ${f2(floor.recall)} / ${f2(floor.f1)} | ${floor.effort.per100.toFixed(0)} | ${q.byHand.per100.toFixed(0)} |`,
    );
  }

  lines.push(
    '',
    'Grouping time on distinct realistic opinions (test/support/distinct-opinions.ts: many subjects, places, times and details; one full regroup, on this thread):',
    '',
    '| opinions | ms | ratio vs 1k |',
    '|---|---|---|',
  );
  let base = 0;
  for (const n of [1_000, 5_000, 10_000]) {
    const inputs: OpinionInput[] = distinctOpinions(n).map((o, i) => ({
      id: `d${i}`,
      content: o.content,
      category: o.category,
      order: String(i).padStart(6, '0'),
    }));
    groupOpinions(inputs.slice(0, 200));
    const ms = timeMs(() => groupOpinions(inputs));
    if (n === 1_000) base = ms;
    lines.push(`| ${n.toLocaleString('en')} | ${ms.toFixed(0)} | ${(ms / base).toFixed(1)}× |`);
  }
  lines.push('');
  return lines.join('\n');
}
