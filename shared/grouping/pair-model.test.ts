import { describe, expect, it } from 'vitest';
import { COSINE_ONLY, DEFAULT_GROUPING, groupOpinions, type OpinionInput } from './cluster';
import { characterTerms, factorProduct, PairModel, shippedPairModel, type PackedPairModel } from './pair-model';
import { pairFeatures } from './pair-training';
import { tokenize } from './tokenize';

const op = (id: string, content: string, category = '后勤服务'): OpinionInput => ({ id, content, category, order: id });
const charsOf = (text: string) => characterTerms(tokenize(text, DEFAULT_GROUPING.terms));

/** The packed file read back by character, as training wrote it: what the probability is defined over. */
function byCharacter(packed: PackedPairModel) {
  const { chars, rank } = packed;
  const contrast: Record<string, number> = {};
  packed.contrastWeights.forEach((w, k) => {
    contrast[`${chars[packed.contrastPairs[2 * k]!]}|${chars[packed.contrastPairs[2 * k + 1]!]}`] = w;
  });
  return {
    a: packed.a,
    b: packed.b,
    shared: Object.fromEntries(packed.shared.map((w, n) => [chars[n]!, w])) as Record<string, number>,
    contrast,
    factors: Object.fromEntries(chars.map((ch, n) => [ch, packed.factors.slice(n * rank, (n + 1) * rank)])) as Record<string, number[]>,
  };
}

// That the shipped file is what training gives: test/unit/pair-model-file.test.ts (it reads the training sets).
describe('the learnt pair model', () => {
  it('computes the probability training defined: the cosine, the shared characters, the contrasts and the factors, each normalised', () => {
    const PAIR_MODEL = shippedPairModel();
    const file = byCharacter(PAIR_MODEL.packed);
    expect(PAIR_MODEL.rank).toBeGreaterThan(0);
    expect(Object.keys(file.contrast).length).toBeGreaterThan(1000);
    const rank = PAIR_MODEL.rank;
    const factorSum = (chars: Set<string>, without: Set<string>) => {
      const sum = new Array<number>(rank).fill(0);
      for (const ch of chars) if (!without.has(ch)) (file.factors[ch] ?? []).forEach((v, k) => (sum[k] = sum[k]! + v));
      return sum;
    };
    const texts = ['实验楼的电梯经常坏，一停就是好几天', '实验楼电梯太少，上下班高峰要等十分钟', '校医院医生态度很差', '校医院挂号排队太长', 'wifi 信号差', ''];
    for (const x of texts) {
      for (const y of texts) {
        const cosine = 0.3;
        let z = file.a * cosine + file.b;
        const cx = new Set(charsOf(x));
        const cy = new Set(charsOf(y));
        for (const [key, value] of pairFeatures(cx, cy)) z += (key.includes('|') ? (file.contrast[key] ?? 0) : (file.shared[key] ?? 0)) * value;
        const onlyX = [...cx].filter((ch) => !cy.has(ch)).length;
        const onlyY = [...cy].filter((ch) => !cx.has(ch)).length;
        if (onlyX > 0 && onlyY > 0) z += factorProduct(factorSum(cx, cy), factorSum(cy, cx)) / Math.sqrt(onlyX * onlyY);
        const expected = 1 / (1 + Math.exp(-z));
        expect(PAIR_MODEL.probability(cosine, PAIR_MODEL.chars(charsOf(x)), PAIR_MODEL.chars(charsOf(y)))).toBeCloseTo(expected, 12);
      }
    }
  });

  it('reads a record’s characters from its terms as from the characters themselves, unknown ones and Latin words included', () => {
    const model = shippedPairModel();
    for (const text of ['食堂饭菜太贵了', 'WiFi 晚上老掉线，5G 也不行', '鱻䲜𠀀 and 食堂', '', '的了是']) {
      const terms = tokenize(text, DEFAULT_GROUPING.terms);
      expect([...model.charsOfTerms(terms).ids]).toEqual([...model.chars(characterTerms(terms)).ids]);
    }
    expect(model.charsOfTerms(tokenize('鱻', DEFAULT_GROUPING.terms)).ids[0]).toBeGreaterThanOrEqual(model.known);
  });

  it('scores two characters never seen together through their factors: the first half of the components join, the second half part', () => {
    const model = PairModel.fromFile({
      about: 'test',
      trainedOn: [],
      training: {},
      a: 0,
      b: 0,
      shared: {},
      contrast: { '丁|甲': 2 },
      factors: { 甲: [1, 0], 乙: [1, 0], 丙: [0, 1], 丁: [0, 1] },
    });
    const p = (x: string, y: string) => model.probability(0, model.chars([...x]), model.chars([...y]));
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    expect(p('甲', '乙')).toBeCloseTo(sigmoid(1), 12);
    expect(p('乙', '甲')).toBeCloseTo(sigmoid(1), 12);
    expect(p('丙', '丁')).toBeCloseTo(sigmoid(-1), 12);
    expect(p('甲', '丙')).toBeCloseTo(0.5, 12);
    // 甲 and 丁 have orthogonal factors: only their contrast weight counts.
    expect(p('甲', '丁')).toBeCloseTo(sigmoid(2), 12);
    // A shared character has no part in it; normalised like the contrasts (戊, 己 unknown: two one-sided each).
    expect(p('甲丙', '乙丙')).toBeCloseTo(sigmoid(1), 12);
    expect(p('甲戊', '乙己')).toBeCloseTo(sigmoid(1 / Math.sqrt(2 * 2)), 12);
  });

  it('keeps apart most of what shares an object but not the complaint, where the cosine alone merges it', () => {
    // A learnt model is judged on many pairs, not one: a retraining may move any single pair across the threshold.
    const siblings = [
      ['实验楼的电梯经常坏，一停就是好几天', '实验楼电梯太少，上下班高峰要等十分钟'],
      ['体育馆的淋浴没有热水', '体育馆晚上九点就关门，下课后没法锻炼'],
      ['研究生宿舍空调坏了一个月没人修', '研究生宿舍空调要另外交租金，太贵了'],
      ['教务系统选课时总是崩溃', '教务系统成绩录入以后改不了'],
      ['校车班次太少，经常等半小时', '校车司机开得太快，很吓人'],
      ['食堂饭菜里吃出过头发', '食堂晚上七点就没饭了'],
      ['财务处报销要跑好几趟', '财务处工作人员态度冷淡'],
      ['图书馆座位被占，早上去就没位置', '图书馆电子资源校外访问不了'],
    ];
    const merged = (options: typeof DEFAULT_GROUPING) =>
      siblings.filter(([x, y]) => groupOpinions([op('a', x!), op('b', y!)], [], options).length === 1).length;
    expect(merged(COSINE_ONLY)).toBeGreaterThanOrEqual(5);
    expect(merged(DEFAULT_GROUPING)).toBeLessThanOrEqual(merged(COSINE_ONLY) / 2);
  });

  it('still merges one complaint in other words, and leaves another complaint about the same place apart', () => {
    const clinic = [op('a', '校医院看病排队要两个小时'), op('b', '校医院挂号排队太长，等了一上午'), op('c', '校医院医生态度很差，问两句就不耐烦')];
    const groups = groupOpinions(clinic);
    expect(groups.map((g) => g.recordIds)).toEqual([['a', 'b'], ['c']]);
  });
});
