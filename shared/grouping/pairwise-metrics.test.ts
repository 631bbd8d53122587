import { describe, expect, it } from 'vitest';
import { Rng } from '../../test/support/random';
import { pairwiseScore } from './pairwise-metrics';

/** Every pair looked at: what the contingency counts must equal. */
function byEveryPair(truth: Map<string, string>, predicted: Map<string, string>) {
  const ids = [...truth.keys()];
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const t = truth.get(ids[i]!) === truth.get(ids[j]!);
      const p = predicted.get(ids[i]!) === predicted.get(ids[j]!);
      truePairs += Number(t);
      predictedPairs += Number(p);
      correctPairs += Number(t && p);
    }
  return { truePairs, predictedPairs, correctPairs };
}

describe('pairwise precision and recall', () => {
  it('counts the same pairs as looking at every pair, on random clusterings', () => {
    const rng = new Rng(11);
    for (let round = 0; round < 20; round++) {
      const n = 1 + rng.int(80);
      const truth = new Map<string, string>();
      const predicted = new Map<string, string>();
      for (let i = 0; i < n; i++) {
        truth.set(`r${i}`, `t${rng.int(1 + rng.int(12))}`);
        predicted.set(`r${i}`, `p${rng.int(1 + rng.int(12))}`);
      }
      expect(pairwiseScore(truth, predicted)).toMatchObject(byEveryPair(truth, predicted));
    }
  });

  it('scores a perfect grouping 1 / 1, and merging nothing as precision 1 with recall 0', () => {
    const truth = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]);
    expect(pairwiseScore(truth, truth)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(
      pairwiseScore(
        truth,
        new Map([
          ['a', '1'],
          ['b', '2'],
          ['c', '3'],
        ]),
      ),
    ).toMatchObject({ precision: 1, recall: 0 });
  });
});
