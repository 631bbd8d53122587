import { describe, expect, it } from 'vitest';
import type { CampaignDoc, ItemDoc, RecordDoc, UserDoc } from '../store/store';
import { summaryFigures } from './figures';
import { studyLedger } from './study-ledger';
import { counselorContactSummary, owedQuarters, talkLedger } from './talk-ledger';

const campaign: CampaignDoc = {
  id: 'k1',
  seq: 1,
  title: '创先争优',
  unit: '党委组织部',
  stages: [
    { key: 'study', title: '学习', start: '2024-03-01', end: '2024-05-31' },
    { key: 'examine', title: '查摆', start: '2024-06-01', end: '2024-08-31' },
  ],
  categories: [],
  channels: [],
  fromGroups: [],
  oaOrigins: [],
  memberIds: ['u1', 'u2', 'u3'],
  obligations: { studyMinutesPerStage: 120, reflectionsPerStage: 1, reflectionMinChars: 10, talksPerQuarter: 1 },
  createdAt: '',
  updatedAt: '',
};
const user = (id: string, name: string, unit: string): UserDoc => ({ id, seq: 1, name, unit, role: 'member', createdAt: '' });
const users = [user('u1', '李老师', '化学学院'), user('u2', '王老师', '化学学院'), user('u3', '赵老师', '物理学院'), user('x', '外人', '别处')];
let n = 0;
const rec = (ownerId: string, fields: Record<string, unknown>): RecordDoc => ({
  id: `r${++n}`,
  seq: n,
  ownerId,
  campaignId: 'k1',
  fields: { campaignId: 'k1', stage: '', ...fields },
  stamps: {},
  createdAt: `2024-01-01T00:00:${String(n).padStart(2, '0')}Z`,
  updatedAt: '',
});
const study = (ownerId: string, studiedOn: string, minutes: number, reflection?: string, extra: Record<string, unknown> = {}) =>
  rec(ownerId, { kind: 'study', topic: '论群众路线', mode: '自学', studiedOn, minutes, reflection, ...extra });
const talk = (ownerId: string, talkedOn: string, counterpart: string, topics = '谈心', followUp?: string) =>
  rec(ownerId, { kind: 'talk', counterpart, talkedOn, topics, followUp });

describe('学习台账', () => {
  const records = [
    study('u1', '2024-03-05', 90, '学习体会：坚持群众路线，密切联系群众'),
    study('u1', '2024-04-10', 60),
    study('u1', '2024-06-10', 150, '短'),
    study('u1', '2024-04-11', 999, '已删除', { deleted: true }),
    study('u2', '2024-03-06', 30),
    study('x', '2024-03-06', 500),
  ];
  const ledger = studyLedger(campaign, users, records);

  it('counts sessions, minutes and reflections per person, leaving deleted records and non-members out', () => {
    const li = ledger.people.find((p) => p.userId === 'u1')!;
    expect(li).toMatchObject({ sessions: 3, minutes: 300, reflections: 2, reflectionsMeetingLength: 1 });
    expect(li.reflectionChars).toBe('学习体会：坚持群众路线，密切联系群众'.length + 1);
    expect(ledger.people.map((p) => p.userId)).toEqual(['u1', 'u2', 'u3']);
  });

  it('measures each stage against the quota, counting only reflections long enough', () => {
    const li = ledger.people.find((p) => p.userId === 'u1')!;
    expect(li.stages).toEqual([
      expect.objectContaining({ stage: 'study', minutes: 150, quotaMinutes: 120, reflections: 1 }),
      expect.objectContaining({ stage: 'examine', minutes: 150, reflections: 0 }),
    ]);
    expect(li.metQuota).toBe(false);
  });

  it('adds people up per unit', () => {
    expect(ledger.units).toEqual([
      expect.objectContaining({ unit: '化学学院', people: 2, sessions: 4, minutes: 330 }),
      expect.objectContaining({ unit: '物理学院', people: 1, sessions: 0, minutes: 0 }),
    ]);
  });

  it('honours a date range', () => {
    const march = studyLedger(campaign, users, records, { from: '2024-03-01', to: '2024-03-31' });
    expect(march.people.find((p) => p.userId === 'u1')!.minutes).toBe(90);
  });
});

describe('谈心谈话台账 and 年度汇总表', () => {
  const records = [
    talk('u1', '2024-01-15', '辅导员甲', '工作指导', '帮助申请培训'),
    talk('u1', '2024-02-20', '辅导员乙'),
    talk('u1', '2024-05-02', '辅导员甲', '职业规划指导'),
    talk('u2', '2024-08-01', '辅导员丙'),
    talk('u2', '2023-12-30', '辅导员丙'),
  ];

  it('counts talks per quarter and names the quarters so far that fell short', () => {
    const rows = talkLedger(campaign, users, records, 2024, '2024-08-15');
    expect(rows.find((r) => r.userId === 'u1')).toMatchObject({ quarters: [2, 1, 0, 0], total: 3, quartersShort: [3] });
    expect(rows.find((r) => r.userId === 'u2')).toMatchObject({ quarters: [0, 0, 1, 0], quartersShort: [1, 2] });
  });

  it('does not count quarters before the campaign began or after it ended as short', () => {
    const late = { ...campaign, stages: [{ key: 'run', title: '实施', start: '2024-05-10', end: '2024-07-31' }] };
    expect(owedQuarters(late, 2024, '2024-12-01')).toEqual([2, 3]);
    expect(owedQuarters(late, 2024, '2024-06-01')).toEqual([2]);
    expect(owedQuarters({ stages: [] }, 2024, '2024-08-15')).toEqual([1, 2, 3]);
    const rows = talkLedger(late, users, records, 2024, '2024-12-01');
    expect(rows.find((r) => r.userId === 'u1')!.quartersShort).toEqual([3]);
    expect(rows.find((r) => r.userId === 'u3')!.quartersShort).toEqual([2, 3]);
  });

  it('lists the 联系对象 pairs the campaign defines, counting only talks with the assigned counselors', () => {
    const contact = { ...campaign, template: 'counselor-contact' as const, contacts: [{ leaderId: 'u1', counselors: ['辅导员甲', '辅导员丁'] }] };
    const rows = counselorContactSummary(contact, users, records, 2024);
    // u2 defines no pair: not in the table; u1's talk with 辅导员乙 (not assigned) is not counted.
    expect(rows).toEqual([
      expect.objectContaining({ userId: 'u1', counselors: ['辅导员甲', '辅导员丁'], counselorsContacted: 1, quarters: [1, 1, 0, 0], guidance: 2, help: 1 }),
    ]);
  });

  it('makes the 年度汇总表 only in a counselor-contact campaign', () => {
    expect(counselorContactSummary(campaign, users, records, 2024)).toEqual([]);
  });

  it('summarises each leader’s counselors, guidance and help for the year', () => {
    const rows = counselorContactSummary({ ...campaign, template: 'counselor-contact' }, users, records, 2024);
    expect(rows.find((r) => r.userId === 'u1')).toMatchObject({ counselorsContacted: 2, counselors: ['辅导员甲', '辅导员乙'], guidance: 2, help: 1 });
  });
});

describe('summary figures', () => {
  const op = (category: string, channel: string, heardOn: string) =>
    rec('u1', { kind: 'opinion', content: '意见', category, channel, fromGroup: '学生', heardOn });
  const item = (list: ItemDoc['list'], status: ItemDoc['status'], extra: Partial<ItemDoc> = {}): ItemDoc => ({
    id: `i${++n}`,
    seq: n,
    campaignId: 'k1',
    list,
    title: 't',
    description: '',
    category: '',
    sourceItemIds: [],
    responsibleLeader: '',
    responsibleUnit: '',
    target: '',
    assigneeId: null,
    deadline: null,
    progress: '',
    status,
    evidence: '',
    effect: '',
    createdAt: '2024-06-01T00:00:00Z',
    updatedAt: '',
    ...extra,
  });
  const records = [
    op('后勤服务', '座谈会', '2024-06-01'),
    op('后勤服务', '问卷调查', '2024-06-02'),
    op('教学管理', '座谈会', '2024-07-01'),
    study('u1', '2024-06-05', 90, '体会'),
  ];
  const items = [
    item('problem', 'open', { sourceItemIds: ['auto-r1'] }),
    item('problem', 'open'),
    item('task', 'closed', { closedAt: '2024-06-10T08:00:00Z' }),
    item('task', 'closed', { closedAt: '2024-06-10T09:00:00Z' }),
    item('task', 'closed', { closedAt: '2024-06-12T09:00:00Z' }),
    item('task', 'in_progress', { deadline: '2024-06-01' }),
  ];
  const groups = [
    { id: 'auto-r1', recordIds: [records[0]!.id, records[1]!.id] },
    { id: 'auto-r3', recordIds: [records[2]!.id] },
  ] as never;

  it('counts opinions by category and channel, problems, measures, closures and study hours', () => {
    const f = summaryFigures(records, items, groups, {}, '2024-06-20');
    expect(f.opinions).toMatchObject({ records: 3, distinct: 2 });
    expect(f.opinions.byCategory).toEqual([
      { key: '后勤服务', count: 2 },
      { key: '教学管理', count: 1 },
    ]);
    expect(f.opinions.byChannel).toEqual([
      { key: '座谈会', count: 2 },
      { key: '问卷调查', count: 1 },
    ]);
    expect(f.problems).toMatchObject({ total: 2, fromOpinions: 1, fromSelfExamination: 1 });
    expect(f.tasks).toMatchObject({ total: 4, closed: 3, inProgress: 1, overdue: 1 });
    expect(f.study).toMatchObject({ sessions: 1, minutes: 90, hours: 1.5 });
    expect(f.closureOverTime).toEqual([
      { date: '2024-06-10', closed: 2, cumulative: 2 },
      { date: '2024-06-12', closed: 1, cumulative: 3 },
    ]);
  });

  it('counts only what falls in the date range', () => {
    const f = summaryFigures(records, items, groups, { from: '2024-06-02', to: '2024-06-30' }, '2024-06-20');
    expect(f.opinions).toMatchObject({ records: 1, distinct: 1 });
    expect(f.closureOverTime.at(-1)!.cumulative).toBe(3);
    expect(summaryFigures(records, items, groups, { from: '2024-06-11' }, '2024-06-20').tasks.closed).toBe(0);
  });
});
