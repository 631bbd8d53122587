import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUPING } from './cluster';
import { matchKey, memoryEvidence, memoryLogit, ProblemMemory, type KnownProblems, type MemoryOptions, type ProblemMemoryFile } from './problem-memory';

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
const options: MemoryOptions = { neighbours: 20, sharpness: 4, commonShare: 1, characters: 0, linkShare: 0 };
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

  describe('links across sets', () => {
    // Each text matched to its one nearest memory record: x's canteen prices for the first, y's for the second.
    const nearest: MemoryOptions = { ...options, neighbours: 1 };
    const unlinked = new ProblemMemory(file, DEFAULT_GROUPING.terms, nearest);
    const linked = new ProblemMemory(file, DEFAULT_GROUPING.terms, { ...nearest, linkShare: 0.5 });
    const xPrice = '二食堂的荤菜价格又涨了';
    const yPrice = '饭堂菜越来越贵';

    it('links a problem only to problems of other sets, with shares summing to 1', () => {
      const table = unlinked.linkTable();
      expect(table).toHaveLength(file.problems.length);
      const setOf = (p: number) => file.problems[p]!.split('/')[0];
      for (const [p, links] of table.entries()) {
        for (let j = 0; j < links.length; j += 2) expect(setOf(links[j]!)).not.toBe(setOf(p));
        if (links.length > 0) expect(sum(links.filter((_, j) => j % 2 === 1))).toBeCloseTo(1, 2);
      }
      // x's canteen prices are matched to y's by their records.
      expect(table[0]).toEqual([2, 1]);
    });

    it('counts two records matched to like problems of two sets as evidence of one problem', () => {
      expect(unlinked.match(xPrice).problems).toEqual([0]);
      expect(unlinked.match(yPrice).problems).toEqual([2]);
      expect(memoryEvidence(unlinked.match(xPrice), unlinked.match(yPrice)).same).toBe(0);
      const one = memoryEvidence(linked.match(xPrice), linked.match(yPrice));
      expect(one.same).toBeGreaterThan(0.2);
      // What one set told apart stays apart: x's hygiene may be linked to what x's prices are, but x told the two apart,
      // and that outweighs the linked share at the shipped weights.
      const hygiene = linked.match('二食堂桌子油腻不干净');
      expect(hygiene.problems).toEqual([1]);
      expect(memoryEvidence(linked.match(xPrice), hygiene).different).toBe(1);
      const { same, different } = DEFAULT_GROUPING.pairModel!.memory!;
      expect(memoryLogit(linked.match(xPrice), hygiene, same, different)).toBeLessThan(-different / 2);
      expect(memoryLogit(linked.match(xPrice), linked.match(yPrice), same, different)).toBeGreaterThan(same / 3);
    });

    it('gives the evidence of a walk over both lists, bit for bit, whichever record was asked of last', () => {
      // All neighbours, so that the texts' linked shares differ; each pair asked after every record was spread out last.
      const wide = new ProblemMemory(file, DEFAULT_GROUPING.terms, { ...options, linkShare: 0.5 });
      const texts = [xPrice, yPrice, '二食堂桌子油腻不干净', '校车太少，等很久', '食堂饭菜贵，卫生也差'];
      const known = texts.map((t) => wide.match(t));
      const walk = (x: KnownProblems, y: KnownProblems) => {
        let s = 0;
        for (let i = 0, j = 0; i < x.linked.length && j < y.linked.length; )
          if (x.linked[i] === y.linked[j]) s += x.linkedWeights[i++]! * y.linkedWeights[j++]!;
          else if (x.linked[i]! < y.linked[j]!) i++;
          else j++;
        return s;
      };
      expect(new Set(known.map((k) => k.linkedWeights.join())).size).toBeGreaterThan(2);
      for (const before of known)
        for (const x of known)
          for (const y of known) {
            memoryEvidence(before, before);
            expect(Object.is(memoryEvidence(x, y).same, walk(x, y))).toBe(true);
            memoryEvidence(before, x);
            expect(Object.is(memoryEvidence(y, x).same, walk(x, y))).toBe(true);
          }
    });

    it('passes the same shares on whatever was matched before (its scratch arrays are left clean)', () => {
      const wide = new ProblemMemory(file, DEFAULT_GROUPING.terms, { ...options, linkShare: 0.5 });
      const first = wide.match(xPrice);
      wide.match('校车太少，等很久');
      wide.match('二食堂桌子油腻不干净');
      wide.forgetMatches();
      expect(wide.match(xPrice)).toEqual(first);
      expect(first.linkedWeights).not.toEqual(first.weights);
    });

    it('refuses links that do not fit its problems, with what to do', () => {
      const key = matchKey(DEFAULT_GROUPING.terms, nearest);
      const linkedOptions = { ...nearest, linkShare: 0.5 };
      expect(() => new ProblemMemory({ ...file, links: { [key]: [[2, 1]] } }, DEFAULT_GROUPING.terms, linkedOptions)).toThrow(/train:grouping/);
      const outOfRange = unlinked.linkTable().map((links, p) => (p === 0 ? [99, 1] : links));
      expect(() => new ProblemMemory({ ...file, links: { [key]: outOfRange } }, DEFAULT_GROUPING.terms, linkedOptions)).toThrow(/train:grouping/);
    });

    it('takes the links the file holds for its way of matching, and works them out when the file has none', () => {
      expect(linked.match(xPrice)).toEqual(
        new ProblemMemory({ ...file, links: { [matchKey(DEFAULT_GROUPING.terms, nearest)]: unlinked.linkTable() } }, DEFAULT_GROUPING.terms, {
          ...nearest,
          linkShare: 0.5,
        }).match(xPrice),
      );
      // A table linking x's prices to y's buses instead is what a memory holding it passes the share on to.
      const table = unlinked.linkTable().map((links, p) => (p === 0 ? [3, 1] : links));
      const odd = new ProblemMemory({ ...file, links: { [matchKey(DEFAULT_GROUPING.terms, nearest)]: table } }, DEFAULT_GROUPING.terms, {
        ...nearest,
        linkShare: 0.5,
      });
      expect(odd.match(xPrice).linked).toEqual([0, 3]);
      expect(linked.match(xPrice).linked).toEqual([0, 2]);
    });
  });
});
