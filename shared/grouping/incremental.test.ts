import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/support/paths';
import { Rng } from '../../test/support/random';
import { DEFAULT_GROUPING, idfBasis, type GroupDecision, type OpinionInput } from './cluster';
import { IncrementalReview, type ReviewInput } from './incremental';
import { campaignReview, DEFAULT_LEARNING, type OfficeVerdict } from './learning';
import { DEFAULT_REVIEW, reviewOpinions, type ReviewOptions } from './review';

const readSet = (name: string) =>
  (
    JSON.parse(readFileSync(path.join(projectRoot, `test/fixtures/opinions/${name}.json`), 'utf8')) as {
      opinions: Array<{ content: string; category: string }>;
    }
  ).opinions;
const inputsOf = (labeled: ReadonlyArray<{ content: string; category: string }>, prefix = 'r'): OpinionInput[] =>
  labeled.map((o, i) => ({
    id: `${prefix}${String(i).padStart(4, '0')}`,
    content: o.content,
    category: o.category,
    order: `2026-05-01T${String(i).padStart(6, '0')}`,
  }));

/** A small basis so that the fixtures (under 200 records) cross several idf epochs. */
const SMALL_BASIS = { ...DEFAULT_GROUPING, exactIdfUpTo: 16 };

const fromScratch = (input: ReviewInput, grouping = SMALL_BASIS, options: ReviewOptions = DEFAULT_REVIEW) =>
  reviewOpinions(input.opinions, input.decisions, campaignReview(input.opinions, input.verdicts, grouping, DEFAULT_LEARNING, input.shared), grouping, options);

const input = (opinions: OpinionInput[], decisions: GroupDecision[] = [], verdicts: OfficeVerdict[] = []): ReviewInput => ({ opinions, decisions, verdicts });

describe('incremental grouping (a record added is visited last, with the result of a regroup from scratch)', () => {
  const heldout = inputsOf(readSet('heldout'));
  // set-fk: in neither the pair model's training nor the memory of known problems, so that groups still come
  // together by merging as records arrive (a set the memory holds finds its groups at once).
  const setB = inputsOf(readSet('set-fk'), 'b');

  it('the idf basis is every record in a small campaign, then the first 2^k records until the campaign doubles', () => {
    expect(idfBasis(100, 2048)).toBe(100);
    expect(idfBasis(2048, 2048)).toBe(2048);
    expect(idfBasis(2049, 2048)).toBe(2048);
    expect(idfBasis(4095, 2048)).toBe(2048);
    expect(idfBasis(4096, 2048)).toBe(4096);
    expect(idfBasis(50_000, 2048)).toBe(32_768);
  });

  // The two tests that regroup from scratch after each of some 250 records take 15–17 s on a quiet machine and twice
  // that beside another test file: their own time limit, so that a busy machine does not fail them.
  it('adding records one at a time gives, after every one, exactly the review a regroup from scratch gives', { timeout: 120_000 }, () => {
    const all = [...heldout, ...setB.map((o) => ({ ...o, order: `2026-06-01T${o.id}` }))];
    const engine = new IncrementalReview(input(all.slice(0, 20)), SMALL_BASIS);
    const ways = new Set<string>();
    let absorbing = 0;
    for (let n = 21; n <= all.length; n++) {
      const now = input(all.slice(0, n));
      const before = engine.review().groups.length;
      engine.update(now);
      ways.add(engine.lastUpdate);
      const review = engine.review();
      // Fewer groups after a record was added: its group absorbed another (cluster.ts, mergeLikely).
      if (engine.lastUpdate === 'added' && review.groups.length < before) absorbing++;
      expect(review).toEqual(fromScratch(now));
    }
    // Most additions were visits, and the doublings (32, 64, 128, 256) regrouped; some visits merged two groups.
    expect(ways).toEqual(new Set(['added', 'regrouped']));
    expect(absorbing).toBeGreaterThan(0);
  });

  it('groups without the memory of known problems once a campaign grows past its reach: regrouped once, then added to, as from scratch', () => {
    const reach = { ...SMALL_BASIS, pairModel: { ...SMALL_BASIS.pairModel!, memory: { ...SMALL_BASIS.pairModel!.memory!, upTo: 60 } } };
    const all = setB.slice(0, 90);
    const engine = new IncrementalReview(input(all.slice(0, 50)), reach);
    const ways: string[] = [];
    for (let n = 51; n <= all.length; n++) {
      const now = input(all.slice(0, n));
      engine.update(now);
      ways.push(engine.lastUpdate);
      expect(engine.review(), `${n} records`).toEqual(fromScratch(now, reach));
    }
    // Added one by one up to the reach (60), regrouped at 61; after that only the idf's doubling at 64 regroups.
    expect(ways.slice(0, 10).every((w) => w === 'added')).toBe(true);
    expect(ways[10]).toBe('regrouped');
    expect(ways.slice(11).filter((w) => w === 'regrouped')).toHaveLength(1);
    // Past its reach the grouping is the one without the memory.
    const without = { ...reach, pairModel: { ...reach.pairModel, memory: null } };
    expect(engine.review().groups).toEqual(fromScratch(input(all), without).groups);
  });

  it('with few partners per group (suggestPartners), every suggestion, not only the top ones, is the one from scratch after each record', {
    timeout: 120_000,
  }, () => {
    // Lists of 1–3 partners fill at once, so records joining groups push partners out of them and groups
    // drop out of full lists: the cases where a list has to be scored again.
    const all = [...heldout, ...setB.map((o) => ({ ...o, order: `2026-06-01T${o.id}` }))];
    for (const suggestPartners of [1, 2, 3]) {
      const options = { ...DEFAULT_REVIEW, suggestPartners, maxSuggestions: Number.POSITIVE_INFINITY };
      const engine = new IncrementalReview(input(all.slice(0, 40)), SMALL_BASIS, options);
      let added = 0;
      for (let n = 41; n <= all.length; n++) {
        const now = input(all.slice(0, n));
        engine.update(now);
        if (engine.lastUpdate === 'added') added++;
        expect(engine.review(), `${suggestPartners} partners, ${n} records`).toEqual(fromScratch(now, SMALL_BASIS, options));
      }
      expect(added).toBeGreaterThan(100);
    }
  });

  it('adds a batch at once, with the office’s decisions and verdicts in force, the same as from scratch', () => {
    const base = heldout.slice(0, 70);
    const groups = reviewOpinions(base).groups.filter((g) => g.recordIds.length >= 2);
    const decisions: GroupDecision[] = [{ id: 'manual-1', pinnedRecordIds: [...groups[0]!.recordIds, ...groups[1]!.recordIds], excludedRecordIds: [] }];
    const verdicts: OfficeVerdict[] = [{ left: groups[2]!.recordIds, right: [base[0]!.id], answer: 'different' }];
    const engine = new IncrementalReview(input(base, decisions, verdicts), SMALL_BASIS);
    const now = input(heldout, decisions, verdicts);
    engine.update(now);
    expect(engine.lastUpdate).toBe('added');
    expect(engine.review()).toEqual(fromScratch(now));
  });

  it('adds records last under a shared learning too, and a withdrawn share regroups back to the same answer as from scratch', () => {
    const shared = [[['u:宿', 0.5] as const, ['c:network', 1.8] as const]];
    const engine = new IncrementalReview({ ...input(heldout.slice(0, 70)), shared }, SMALL_BASIS);
    const now = { ...input(heldout), shared };
    engine.update(now);
    expect(engine.lastUpdate).toBe('added');
    expect(engine.review()).toEqual(fromScratch(now));
    expect(engine.review()).not.toEqual(fromScratch(input(heldout)));
    engine.update(input(heldout));
    expect(engine.lastUpdate).toBe('regrouped');
    expect(engine.review()).toEqual(fromScratch(input(heldout)));
  });

  it('regroups from scratch, and still agrees with it, whenever visiting last would not give the same result', () => {
    const base = heldout.slice(0, 40);
    const cases: Array<[string, ReviewInput]> = [
      ['an edited record', input([...base.slice(0, 39), { ...base[39]!, content: `${base[39]!.content}（已补充）` }, heldout[40]!])],
      ['a withdrawn record', input([...base.slice(1), heldout[40]!])],
      ['a late record from an offline device, sorting before the newest', input([...base, { ...heldout[40]!, order: '2026-04-30T000000' }])],
      ['a new decision', input([...base, heldout[40]!], [{ id: 'manual-x', pinnedRecordIds: [base[0]!.id, base[1]!.id], excludedRecordIds: [] }])],
      ['a new verdict', input([...base, heldout[40]!], [], [{ left: [base[2]!.id], right: [base[3]!.id], answer: 'same' }])],
      ['a record a verdict already named', input([...base, heldout[40]!], [], [])],
      [
        "another campaign's learning shared by an admin",
        {
          ...input([...base, heldout[40]!]),
          shared: [
            [
              ['u:宿', 0.5],
              ['u:网', 1.5],
            ],
          ],
        },
      ],
      ['the campaign doubling its idf basis', input(heldout.slice(0, 64))],
    ];
    for (const [what, next] of cases) {
      const engine = new IncrementalReview(
        input(base, [], what === 'a record a verdict already named' ? [{ left: [heldout[40]!.id], right: [base[0]!.id], answer: 'different' }] : []),
        SMALL_BASIS,
      );
      const start =
        what === 'a record a verdict already named'
          ? { ...next, verdicts: [{ left: [heldout[40]!.id], right: [base[0]!.id], answer: 'different' as const }] }
          : next;
      engine.update(start);
      expect(engine.lastUpdate, what).toBe('regrouped');
      expect(engine.review(), what).toEqual(fromScratch(start));
    }
  });

  it('a small campaign (within exactIdfUpTo) regroups on every new record: its idf moves with each one', () => {
    const engine = new IncrementalReview(input(heldout.slice(0, 50)));
    engine.update(input(heldout.slice(0, 51)));
    expect(engine.lastUpdate).toBe('regrouped');
    expect(engine.review()).toEqual(fromScratch(input(heldout.slice(0, 51)), DEFAULT_GROUPING));
    engine.update(input(heldout.slice(0, 51)));
    expect(engine.lastUpdate).toBe('unchanged');
  });

  it('whatever the order records arrive in, each step equals a regroup from scratch (random arrivals, three seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const rng = new Rng(seed);
      const pool = setB.map((o, i) => ({ ...o, order: `2026-07-01T${String(i).padStart(4, '0')}` }));
      let present: OpinionInput[] = pool.slice(0, 18);
      const engine = new IncrementalReview(input(present), SMALL_BASIS);
      let next = 18;
      for (let step = 0; step < 40 && next < pool.length; step++) {
        const take = 1 + rng.int(4);
        const batch = pool.slice(next, next + take);
        next += take;
        // Now and then a record comes late (an older createdAt) or one is withdrawn.
        if (rng.next() < 0.15) batch[0] = { ...batch[0]!, order: '2026-06-30T0000' };
        if (rng.next() < 0.1) present = present.filter((_, i) => i !== rng.int(present.length));
        present = [...present, ...batch];
        const now = input(present);
        engine.update(now);
        expect(engine.review()).toEqual(fromScratch(now));
      }
    }
  });
});
