import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, todayIn } from '../../shared/calendar';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord, type Member } from './lists-support';

let t: TestServer;
let campaignId: string;
let li: Member;
const today = todayIn(DEFAULT_TIME_ZONE);
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await startTestServer();
  campaignId = (
    await createCampaign(t, {
      title: '创先争优',
      template: 'excellence',
      year,
      obligations: { studyMinutesPerStage: 120, talksPerQuarter: 2, reflectionMinChars: 4 },
    })
  ).id;
  li = await addMember(t, campaignId, '李老师');
  await pushRecord(t, li, { campaignId, kind: 'study', topic: '论群众路线', mode: '自学', studiedOn: today, minutes: 90, reflection: '坚持群众路线' });
  await pushRecord(t, li, { campaignId, kind: 'talk', counterpart: '辅导员甲', talkedOn: today, topics: '工作指导' });
  await pushRecord(t, li, opinion(campaignId, '选课系统一到开放时间就崩溃', { category: '教学管理', heardOn: today }));
});
afterAll(() => t?.stop());

describe('ledgers and figures over HTTP', () => {
  it('reports the figures for the campaign and for a date range', async () => {
    const all = await t.api('GET', `/api/v1/campaigns/${campaignId}/figures`);
    expect(all.status).toBe(200);
    expect(all.body.figures.opinions).toMatchObject({ records: 1, distinct: 1, byCategory: [{ key: '教学管理', count: 1 }] });
    expect(all.body.figures.study).toMatchObject({ sessions: 1, minutes: 90, hours: 1.5 });
    expect(all.body.figures.talks.total).toBe(1);
    const before = await t.api('GET', `/api/v1/campaigns/${campaignId}/figures?to=${year - 1}-12-31`);
    expect(before.body.figures.opinions.records).toBe(0);
    const bad = await t.api('GET', `/api/v1/campaigns/${campaignId}/figures?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('from');
  });

  it('serves the study and talk ledgers to the office only', async () => {
    const study = await t.api('GET', `/api/v1/campaigns/${campaignId}/ledger/study`);
    expect(study.body.ledger.people).toEqual([expect.objectContaining({ name: '李老师', sessions: 1, minutes: 90, reflections: 1 })]);
    const talks = await t.api('GET', `/api/v1/campaigns/${campaignId}/ledger/talks?year=${year}`);
    expect(talks.body.talks[0].total).toBe(1);
    // An 创先争优 campaign has no 年度汇总表: that belongs to the counselor-contact campaign.
    expect(talks.body.counselorContact).toEqual([]);
    expect((await t.api('GET', `/api/v1/campaigns/${campaignId}/ledger/study`, { token: li.token })).status).toBe(403);
  });

  it('gives a member their obligations with progress and the stage deadlines in GET /me/tasks', async () => {
    const res = await t.api('GET', '/api/v1/me/tasks', { token: li.token });
    expect(res.status).toBe(200);
    const c = res.body.campaigns.find((x: any) => x.id === campaignId);
    expect(c.stages.length).toBeGreaterThan(0);
    expect(c.currentStage.start <= today && today <= c.currentStage.end).toBe(true);
    const stage = c.obligations.study.find((s: any) => s.stage === c.currentStage.key);
    expect(stage).toMatchObject({ minutes: 90, quotaMinutes: 120, reflections: 1 });
    expect(c.obligations.talks).toMatchObject({ count: 1, quota: 2, year });
  });
});
