/**
 * One campaign's long regroup must not make other campaigns' offices wait (server/opinions/campaign-scheduler.ts):
 * with the real grouping workers, a campaign's short grouping asked for while another campaign regroups thousands
 * of near-unique opinions (what a member can send up to the quota) answers while that regroup still runs; with
 * one worker it waited for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpinionGrouper } from '../../server/opinions/opinion-grouper';
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
  for (const name of ['k-warm-a', 'k-warm-b', 'k-light']) await seed(name, distinctOpinions(30, name.length));
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

describe('grouping workers', () => {
  it(`answers a small campaign while another regroups ${HEAVY} near-unique opinions`, async () => {
    expect(await heavyStillRunningWhenLightAnswers(2)).toBe(true);
  }, 120_000);

  it('with one worker the small campaign waited for the long regroup (what two workers fix)', async () => {
    expect(await heavyStillRunningWhenLightAnswers(1)).toBe(false);
  }, 120_000);
});
