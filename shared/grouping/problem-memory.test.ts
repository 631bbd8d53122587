import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUPING } from './cluster';
import { memoryEvidence, ProblemMemory, type KnownProblems, type MemoryOptions, type ProblemMemoryFile } from './problem-memory';

/** Two labelled sets, each telling one object's problems apart (the canteen's prices from its hygiene). */
const file: ProblemMemoryFile = {
  trainedOn: ['set-x', 'set-y'],
  problems: ['set-x/canteen-price', 'set-x/canteen-hygiene', 'set-y/canteen-price', 'set-y/bus-few'],
  records: [
    [0, '二食堂饭菜价格又涨了，一份荤菜十几块'],
    [0, '食堂菜价太贵，学生吃不起'],
    [1, '食堂餐盘油腻，洗得不干净'],
    [1, '二食堂卫生差，桌子上都是油污'],
    [2, '饭堂的菜越来越贵了，价格涨得厉害'],
    [3, '校车班次太少，早上等不到车'],
    [3, '校巴太少了，上课经常迟到'],
  ],
};
const options: MemoryOptions = { neighbours: 20, sharpness: 4, commonShare: 1, characters: 0 };
const memory = new ProblemMemory(file, DEFAULT_GROUPING.terms, options);
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const share = (known: KnownProblems, problem: number) => known.weights[known.problems.indexOf(problem)] ?? 0;

describe('the memory of known problems', () => {
  it('finds what a record is about from the memory records most like it, with shares summing to 1', () => {
    const price = memory.match('食堂的饭菜价格太贵了');
    expect(sum(price.weights)).toBeCloseTo(1, 12);
    expect(sum(price.setWeights)).toBeCloseTo(1, 12);
    // Its best known problems are the two sets' canteen prices, not the canteen's hygiene.
    expect(share(price, 0) + share(price, 2)).toBeGreaterThan(0.5);
    expect(share(price, 0)).toBeGreaterThan(share(price, 1));
    expect([...price.problems]).toEqual([...price.problems].sort((a, b) => a - b));
  });

  it('depends on the text alone: the same text always matches the same, whatever was matched before', () => {
    const first = memory.match('校车太少，等很久');
    memory.match('食堂卫生太差');
    expect(memory.match('校车太少，等很久')).toEqual(first);
    memory.forgetMatches();
    expect(memory.match('校车太少，等很久')).toEqual(first);
    expect(new ProblemMemory(file, DEFAULT_GROUPING.terms, options).match('校车太少，等很久')).toEqual(first);
  });

  it('knows nothing of a text that shares no term with the memory', () => {
    const nothing = memory.match('嗯');
    expect(nothing.problems).toEqual([]);
    expect(memoryEvidence(nothing, memory.match('校车太少')).same).toBe(0);
  });

  it('says one problem of paraphrases the memory links, and two of problems one set told apart', () => {
    const a = memory.match('菜价涨得太厉害，吃不起');
    const b = memory.match('饭堂价格贵');
    const hygiene = memory.match('餐盘油腻不干净');
    const one = memoryEvidence(a, b);
    const two = memoryEvidence(a, hygiene);
    expect(one.same).toBeGreaterThan(two.same);
    expect(two.different).toBeGreaterThan(one.different);
    // Symmetric, and within [0, 1].
    expect(memoryEvidence(b, a)).toEqual(one);
    for (const e of [one, two]) for (const x of [e.same, e.different]) expect(x >= 0 && x <= 1).toBe(true);
  });

  it('leaves out terms in more than commonShare of its records', () => {
    // 食堂 is in 4 of the 7 records: above a share of a half it matches nothing, so a text with nothing else is unknown.
    const strict = new ProblemMemory(file, DEFAULT_GROUPING.terms, { ...options, commonShare: 0.5 });
    expect(strict.match('食堂').problems).toEqual([]);
    expect(memory.match('食堂').problems.length).toBeGreaterThan(0);
  });
});
