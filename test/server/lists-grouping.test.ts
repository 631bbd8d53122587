import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord, type Member } from './lists-support';
import { BORDERLINE_OPINIONS } from '../support/borderline-opinions';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.stop());

const list = async (campaignId: string) => (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items as any[];
const groupOf = (items: any[], recordId: string) => items.find((i) => i.recordIds.includes(recordId));

/** Each test's own campaign: 李老师 has heard two complaints about the bath house, one about the parcel point and one about heat in the dorms. */
async function campaignWithOpinions(): Promise<{ campaignId: string; li: Member; r: Record<string, string> }> {
  const campaignId = (await createCampaign(t)).id;
  const li = await addMember(t, campaignId, '李老师');
  const r: Record<string, string> = {};
  r.bath1 = await pushRecord(t, li, opinion(campaignId, BORDERLINE_OPINIONS.bath1));
  r.bath2 = await pushRecord(t, li, opinion(campaignId, BORDERLINE_OPINIONS.bath2));
  r.express = await pushRecord(t, li, opinion(campaignId, '快递点离宿舍太远，取快递很不方便'));
  r.ac = await pushRecord(t, li, opinion(campaignId, '宿舍夏天太热，希望安装空调'));
  return { campaignId, li, r };
}

/** The office's merge of the parcel-point and dorm-heat groups, under a title of its own. */
const mergeExpressAndAc = async (campaignId: string, r: Record<string, string>) => {
  const items = await list(campaignId);
  return t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/merge`, {
    body: { groupIds: [groupOf(items, r.express!).id, groupOf(items, r.ac!).id], title: '生活区设施不足' },
  });
};

describe("the office's grouping decisions", () => {
  it('merges two groups into one that keeps the first group id and the new title', async () => {
    const { campaignId, r } = await campaignWithOpinions();
    const express = groupOf(await list(campaignId), r.express!).id;
    const res = await mergeExpressAndAc(campaignId, r);
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({ id: express, content: '生活区设施不足', mentions: 2, manual: true });
    const after = await list(campaignId);
    expect(groupOf(after, r.ac!).id).toBe(express);
    expect(after).toHaveLength(2);
  });

  it('splits a record out of a group, and a new similar record does not glue them back', async () => {
    const { campaignId, li, r } = await campaignWithOpinions();
    const bath = groupOf(await list(campaignId), r.bath1!).id;
    const res = await t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/${bath}/split`, { body: { recordIds: [r.bath2] } });
    expect(res.status).toBe(200);
    expect(res.body.kept.recordIds).toEqual([r.bath1]);
    expect(res.body.split.recordIds).toEqual([r.bath2]);

    const bath3 = await pushRecord(t, li, opinion(campaignId, '晚上去浴室洗澡要排长队，人太多'));
    const after = await list(campaignId);
    expect(groupOf(after, r.bath1!).id).not.toBe(groupOf(after, r.bath2!).id);
    // The new record joins one of the office's groups rather than starting a third.
    expect([groupOf(after, r.bath1!).id, groupOf(after, r.bath2!).id]).toContain(groupOf(after, bath3).id);
  });

  it('keeps a rename and the merge when new records arrive, and lets matching ones join', async () => {
    const { campaignId, li, r } = await campaignWithOpinions();
    expect((await mergeExpressAndAc(campaignId, r)).status).toBe(200);
    const bath = groupOf(await list(campaignId), r.bath1!).id;
    const renamed = await t.api('PATCH', `/api/v1/campaigns/${campaignId}/opinions/${bath}`, { body: { title: '浴室排队问题', category: '后勤服务' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.item.content).toBe('浴室排队问题');
    const ac2 = await pushRecord(t, li, opinion(campaignId, '学生宿舍没有空调，孩子夏天睡不着觉', { fromGroup: '家长' }));
    const after = await list(campaignId);
    expect(groupOf(after, r.bath1!).content).toBe('浴室排队问题');
    const merged = groupOf(after, r.express!);
    expect(merged.content).toBe('生活区设施不足');
    expect(merged.recordIds).toEqual(expect.arrayContaining([r.express, r.ac, ac2]));
  });

  it('refuses bad decisions with a clear 4xx and changes nothing', async () => {
    const { campaignId, li } = await campaignWithOpinions();
    const before = await list(campaignId);
    const one = await t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/merge`, { body: { groupIds: [before[0].id] } });
    expect(one.status).toBe(400);
    expect(one.body.error.field).toBe('groupIds');
    const unknown = await t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/merge`, { body: { groupIds: [before[0].id, 'auto-nope'] } });
    expect(unknown.status).toBe(404);
    const all = await t.api('POST', `/api/v1/campaigns/${campaignId}/opinions/${before[0].id}/split`, { body: { recordIds: before[0].recordIds } });
    expect(all.status).toBe(400);
    const member = await t.api('PATCH', `/api/v1/campaigns/${campaignId}/opinions/${before[0].id}`, { token: li.token, body: { title: 'x' } });
    expect(member.status).toBe(403);
    expect(await list(campaignId)).toEqual(before);
  });
});
