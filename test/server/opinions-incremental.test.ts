/**
 * The grouping worker keeps each campaign's grouping between requests and adds new records to it
 * (shared/grouping/incremental.ts) once a campaign is past the size where its idf is fixed: over HTTP,
 * the list after a new record must be exactly what grouping every record from scratch gives, and one
 * campaign's kept grouping must never answer for another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GROUPING } from '../../shared/grouping/cluster';
import { OpinionGrouper } from '../../server/opinions/opinion-grouper';
import { distinctOpinions } from '../support/distinct-opinions';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord } from './lists-support';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

/** Records written straight into the store, a millisecond apart, all before anything pushed over HTTP. */
async function seedOpinions(ownerId: string, campaignId: string, count: number): Promise<void> {
  const opinions = distinctOpinions(count, 7);
  await t.store.transact(async (tx) => {
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i).toISOString();
      await tx.put('records', {
        id: `seed-${campaignId}-${i}`,
        ownerId,
        campaignId,
        fields: {
          campaignId,
          stage: '',
          kind: 'opinion',
          content: opinions[i]!.content,
          category: opinions[i]!.category,
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

const list = async (campaignId: string) => {
  const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`);
  expect(res.status).toBe(200);
  const suggestions = await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions/suggestions`);
  expect(suggestions.status).toBe(200);
  return { items: res.body.items as Array<{ id: string; recordIds: string[] }>, suggestions: suggestions.body.suggestions as unknown[] };
};

/** What a grouper that never saw the campaign before answers: every record grouped from scratch. */
const fromScratch = async (campaignId: string) => {
  const fresh = new OpinionGrouper('inline');
  try {
    return await fresh.review(t.store, campaignId);
  } finally {
    await fresh.close();
  }
};

describe('a large campaign’s new opinions are added to its kept grouping', () => {
  it('after each new record the list equals a regroup from scratch, and another campaign in between is its own', async () => {
    const big = (await createCampaign(t, { title: '意见很多的活动' })).id;
    const other = (await createCampaign(t, { title: '另一个活动' })).id;
    const m = await addMember(t, big, '收集员');
    const o = await addMember(t, other, '另一位收集员');
    const count = DEFAULT_GROUPING.exactIdfUpTo + 60;
    await seedOpinions(m.id, big, count);
    const otherRecord = await pushRecord(t, o, opinion(other, '图书馆闭馆太早，晚上没地方自习'));

    const first = await list(big);
    expect(first.items.reduce((n, i) => n + i.recordIds.length, 0)).toBe(count);

    const added: string[] = [];
    for (const text of ['食堂晚上八点就关门了，下晚自习没地方吃饭', '研究生宿舍网络晚上很卡，查文献都打不开', '操场夜间照明不足，跑步看不清路']) {
      added.push(await pushRecord(t, m, opinion(big, text)));
      // The other campaign asked in between: its answer is its own one record.
      const theirs = await list(other);
      expect(theirs.items.flatMap((i) => i.recordIds)).toEqual([otherRecord]);
      const now = await list(big);
      const scratch = await fromScratch(big);
      expect(now.items).toEqual(JSON.parse(JSON.stringify(scratch.items)));
      expect(now.suggestions).toEqual(JSON.parse(JSON.stringify(scratch.suggestions)));
      expect(now.suggestions.length).toBeGreaterThan(0);
      expect(now.items.flatMap((i) => i.recordIds)).toEqual(expect.arrayContaining(added));
    }
  }, 120_000);
});
