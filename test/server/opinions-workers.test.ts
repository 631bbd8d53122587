/**
 * One campaign's long regroup must not make other campaigns' offices wait (server/opinions/campaign-scheduler.ts):
 * with the real grouping workers, a campaign's short grouping asked for while another campaign regroups thousands
 * of near-unique opinions (what a member can send up to the quota) answers while that regroup still runs; with
 * one worker it waited for it. Nor may several such campaigns at once: a worker is kept for the light ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPING_WORKERS, OpinionGrouper } from '../../server/opinions/opinion-grouper';
import { adversarialOpinions, distinctOpinions } from '../support/distinct-opinions';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
const HEAVY = 4_000;

async function seed(campaignId: string, opinions: ReadonlyArray<{ content: string; category: string }>): Promise<void> {
  await t.store.transact(async (tx) => {
    for (const [i, o] of opinions.entries()) {
      const at = new Date(Date.UTC(2026, 0, 1) + i).toISOString();
      await tx.put('records', {
        id: `w-${campaignId}-${i}`,
        ownerId: 'u-seed',
        campaignId,
        fields: {
          campaignId,
          stage: '',
          kind: 'opinion',
          content: o.content,
          category: o.category,
          fromGroup: '学生',
          channel: '座谈会',
          heardOn: '2026-01-01',
        },
        stamps: {},
        createdAt: at,
        updatedAt: at,
      });
    }
  });
}

beforeAll(async () => {
  t = await startTestServer();
  await seed('k-heavy', adversarialOpinions(HEAVY));
  await seed('k-heavy-2', adversarialOpinions(HEAVY, 5));
  await seed('k-heavy-3', adversarialOpinions(HEAVY, 6));
  for (const name of ['k-warm-a', 'k-warm-b', 'k-warm-c', 'k-light']) await seed(name, distinctOpinions(30, name.length));
}, 120_000);
afterAll(() => t?.stop());

/**
 * Whether the heavy campaign's regroup (started first) was still running in a worker when the light campaign's
 * list came back: it is with two workers; with one, the light one could only start after it.
 */
async function heavyStillRunningWhenLightAnswers(workers: number): Promise<boolean> {
  const grouper = new OpinionGrouper('worker', workers);
  try {
    // Start every worker first (two campaigns at once take both), so no start-up is part of the race.
    await Promise.all([grouper.review(t.store, 'k-warm-a'), grouper.review(t.store, 'k-warm-b')]);
    const heavy = grouper.review(t.store, 'k-heavy');
    while (grouper.jobs().running === 0) await new Promise((r) => setTimeout(r, 5));
    const light = await grouper.review(t.store, 'k-light');
    expect(light.items.length).toBeGreaterThan(0);
    const stillRunning = grouper.jobs().running === 1;
    expect((await heavy).items.length).toBeGreaterThan(HEAVY / 2);
    return stillRunning;
  } finally {
    await grouper.close();
  }
}

/**
 * How many of three heavy campaigns' regroups (asked for first, together) were still with the workers, running or
 * waiting, when a light campaign's list came back: all three when a worker is kept for light campaigns; with every
 * worker taking any job, the light one waited for one of them to finish.
 */
async function heavyLeftWhenLightAnswers(heavyFrom?: number): Promise<number> {
  const grouper = new OpinionGrouper('worker', GROUPING_WORKERS, heavyFrom);
  try {
    // Start every worker first, so no start-up is part of the race.
    await Promise.all(['k-warm-a', 'k-warm-b', 'k-warm-c'].map((k) => grouper.review(t.store, k)));
    const heavy = ['k-heavy', 'k-heavy-2', 'k-heavy-3'].map((k) => grouper.review(t.store, k));
    // All three are with the scheduler (running or waiting) before the light one is asked for.
    while (grouper.jobs().running + grouper.jobs().waiting < 3) await new Promise((r) => setTimeout(r, 5));
    const light = await grouper.review(t.store, 'k-light');
    expect(light.items.length).toBeGreaterThan(0);
    const { running, waiting } = grouper.jobs();
    for (const h of heavy) expect((await h).items.length).toBeGreaterThan(HEAVY / 2);
    return running + waiting;
  } finally {
    await grouper.close();
  }
}

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function niceOfThreads(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // a thread that ended meanwhile
    }
  });
}

describe('grouping workers', () => {
  it.runIf(process.platform === 'linux')(
    'group at a lower priority than the event loop, so it has the CPU when it wants it',
    async () => {
      const own = Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16]);
      // Nice 10, or the process's own if it was started nicer still (never raised).
      const expected = Math.max(own, 10);
      const grouper = new OpinionGrouper('worker', 2);
      try {
        const before = niceOfThreads().filter((n) => n === expected).length;
        await Promise.all([grouper.review(t.store, 'k-warm-a'), grouper.review(t.store, 'k-warm-b')]);
        expect(niceOfThreads().filter((n) => n === expected).length).toBe(before + 2);
        // The process itself (the event loop's thread) keeps its own.
        expect(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16])).toBe(own);
      } finally {
        await grouper.close();
      }
    },
    60_000,
  );

  it(`answers a small campaign while three others regroup ${HEAVY} near-unique opinions each`, async () => {
    expect(await heavyLeftWhenLightAnswers()).toBe(3);
  }, 120_000);

  it('with every worker taking any job, the small campaign waited for one of the regroups (what the kept worker fixes)', async () => {
    expect(await heavyLeftWhenLightAnswers(Number.POSITIVE_INFINITY)).toBeLessThan(3);
  }, 120_000);

  it(`answers a small campaign while another regroups ${HEAVY} near-unique opinions`, async () => {
    expect(await heavyStillRunningWhenLightAnswers(2)).toBe(true);
  }, 120_000);

  it('with one worker the small campaign waited for the long regroup (what more workers fix)', async () => {
    expect(await heavyStillRunningWhenLightAnswers(1)).toBe(false);
  }, 120_000);
});
