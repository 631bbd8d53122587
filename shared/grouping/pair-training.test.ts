import { describe, expect, it } from 'vitest';
import type { LabeledOpinion } from './labeled-score';
import { factorProduct, PairModel } from './pair-model';
import { DEFAULT_TRAINING, trainPairModel } from './pair-training';

// Places, each written with two characters no other place uses.
const PLACES = ['食堂', '宿舍', '教室', '机房', '球场', '浴池', '校门', '书库', '药店', '车棚', '花园', '网吧', '超市', '银行', '邮局', '操坪', '电梯', '水塔'];

/**
 * One labelled set: the places taken in turn by the given relations, each place with two records (the place and
 * one ending each), one problem or two as the relation says. Two places share no character, so records of two
 * places are never alike enough to be a training pair: two endings meet only where a relation puts them.
 */
function set(relations: Array<{ a: string; b: string; same: boolean }>): LabeledOpinion[] {
  return PLACES.flatMap((place, i) => {
    const { a, b, same } = relations[i % relations.length]!;
    return [
      { cluster: `${i}-a`, category: '后勤服务', content: `${place}${a}` },
      { cluster: same ? `${i}-a` : `${i}-b`, category: '后勤服务', content: `${place}${b}` },
    ];
  });
}

describe('training the pair model', () => {
  it('learns factors that reproduce what it was shown, and speak of two characters no pair had together', () => {
    // 甲 goes with 乙 and with 丙 (one problem either way); 甲 against 丁 is a different problem. 乙 and 丙 never
    // meet: only the factors can say anything of them.
    const file = trainPairModel([
      {
        name: 'synthetic',
        opinions: set([
          { a: '甲', b: '乙', same: true },
          { a: '甲', b: '丙', same: true },
          { a: '甲', b: '丁', same: false },
        ]),
      },
    ]);
    expect(file.contrast['乙|丙']).toBeUndefined();
    const { 甲: jia, 乙: yi, 丙: bing, 丁: ding } = file.factors! as Record<string, number[]>;
    expect(yi).toHaveLength(DEFAULT_TRAINING.factors);
    expect(factorProduct(jia!, yi!)).toBeGreaterThan(0);
    expect(factorProduct(jia!, ding!)).toBeLessThan(0);
    // A pair never seen together has no contrast weight, yet the model is not silent about it: its factors speak.
    // (Which way is not fixed by the two it was seen with: half the components join and half part, so 乙 and 丙
    // can each go with 甲 by either half. That it helps on unseen sets is measured, shared/grouping/README.md.)
    const model = PairModel.fromFile(file);
    const withoutFactors = PairModel.fromFile({ ...file, factors: undefined });
    const p = (m: PairModel) => m.probability(0.3, m.chars([...'电梯乙']), m.chars([...'电梯丙']));
    expect(Math.abs(p(model) - p(withoutFactors))).toBeGreaterThan(1e-4);
    expect(factorProduct(yi!, bing!)).not.toBe(0);
  });

  it('learns no factors when asked for none', () => {
    const sets = [
      {
        name: 'synthetic',
        opinions: set([
          { a: '甲', b: '乙', same: true },
          { a: '甲', b: '丁', same: false },
        ]),
      },
    ];
    const without = trainPairModel(sets, { ...DEFAULT_TRAINING, factors: 0 });
    expect(without.factors).toBeUndefined();
    expect(Object.keys(without.contrast).length).toBeGreaterThan(0);
  });
});
