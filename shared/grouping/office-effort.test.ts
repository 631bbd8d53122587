import { describe, expect, it } from 'vitest';
import { handEffort, officeEffort } from './office-effort';

const map = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('officeEffort', () => {
  const truth = map({ a1: 'A', a2: 'A', a3: 'A', b1: 'B', b2: 'B', c1: 'C' });

  it('costs nothing when the grouping is the true one', () => {
    expect(officeEffort(truth, truth).total).toBe(0);
  });

  it('counts merging by hand as one click per record ticked plus one per merge, singletons free', () => {
    // A: 3 ticks + 合并; B: 2 ticks + 合并; C alone.
    expect(handEffort(truth)).toMatchObject({ mergeClicks: 7, splitClicks: 0, total: 7 });
  });

  it('charges a wrong merge its split and the merge the split record then needs', () => {
    // b1 wrongly in A's group: tick b1 + 拆分 (2), then B's two pieces merged: 2 ticks + 合并 (3).
    const predicted = map({ a1: 'g1', a2: 'g1', a3: 'g1', b1: 'g1', b2: 'g2', c1: 'g3' });
    expect(officeEffort(truth, predicted)).toMatchObject({ splitClicks: 2, mergeClicks: 3, total: 5 });
  });

  it('reports clicks per 100 opinions', () => {
    expect(handEffort(truth).per100).toBeCloseTo((100 * 7) / 6);
  });
});
