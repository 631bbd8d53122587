/** The sidebar's pure rules: campaign and stage by date, form ↔ record fields, Chinese validation, tasks, search. */
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../shared/model/campaign';
import { campaignOn, stageOn } from '../../../extension/sidebar/campaign-choice';
import { shownFields, toFormValues, toRecordFields } from '../../../extension/sidebar/record-form-spec';
import { searchRecords } from '../../../extension/sidebar/record-search';
import { validateRecord } from '../../../shared/model/record-check';
import { countMyTasks } from '../../../extension/tasks/task-status';
import { isOverdue } from '../../../shared/model/item-status';
import { serverAddress, sitePatterns } from '../../../extension/settings/addresses';
import type { LocalRecord, Rejection } from '../../../extension/sync/local-store';
import { openRefusals, refusalSummary, refusalText } from '../../../extension/sidebar/refusals';

const campaign = (id: string, stages: [string, string, string][]): Campaign => ({
  id,
  title: id,
  stages: stages.map(([key, start, end]) => ({ key, title: key, start, end })),
  categories: ['后勤服务'],
  channels: [],
  fromGroups: [],
  oaOrigins: [],
  memberIds: [],
  obligations: {},
  createdAt: '',
  updatedAt: '',
});

describe('campaign and stage by date', () => {
  const grassroots = campaign('g', [
    ['动员部署', '2022-05-01', '2022-05-31'],
    ['全面开展', '2022-06-01', '2022-06-30'],
    ['持续深化', '2022-07-01', '2022-10-31'],
  ]);
  const old = campaign('o', [['学习', '2013-07-01', '2013-12-31']]);

  it('chooses the stage running on the date, or the latest one begun', () => {
    expect(stageOn(grassroots, '2022-06-14')!.key).toBe('全面开展');
    expect(stageOn(grassroots, '2022-12-01')!.key).toBe('持续深化');
    expect(stageOn(grassroots, '2021-01-01')!.key).toBe('动员部署');
  });

  it('chooses the campaign with a stage on that date', () => {
    expect(campaignOn([old, grassroots], '2022-06-14')!.id).toBe('g');
    expect(campaignOn([old, grassroots], '2013-11-05')!.id).toBe('o');
    expect(campaignOn([], '2022-06-14')).toBeNull();
  });
});

describe('record form', () => {
  it('turns minutes into a number and sends a blank optional field as null, so clearing it reaches the server', () => {
    expect(toRecordFields('study', { topic: '党史', mode: '自学', studiedOn: '2022-06-01', minutes: '90', reflection: '  ' })).toEqual({
      kind: 'study',
      topic: '党史',
      mode: '自学',
      studiedOn: '2022-06-01',
      minutes: 90,
      reflection: null,
    });
    expect(toFormValues('study', { minutes: 90, reflection: null })).toMatchObject({ minutes: '90', reflection: '' });
  });

  it('asks 地点, 参加人员 and 主要内容 only of study done together, and sends them only then', () => {
    const names = (mode: string) => shownFields('study', { mode }).map((s) => s.name);
    expect(names('自学')).not.toContain('place');
    expect(names('集中学习')).toEqual(expect.arrayContaining(['place', 'participants', 'content']));
    expect(names('专题党课')).toContain('participants');
    const values = { topic: '党史', studiedOn: '2022-06-01', minutes: '90', place: '三楼会议室', participants: '甲、乙', content: '' };
    expect(toRecordFields('study', { ...values, mode: '集中学习' })).toMatchObject({ place: '三楼会议室', participants: '甲、乙', content: null });
    // Switched to 自学: the session fields are not sent, so nothing is cleared by a hidden field.
    expect(Object.keys(toRecordFields('study', { ...values, mode: '自学' }))).not.toContain('place');
  });

  it('explains every problem in Chinese, next to its field', () => {
    const errors = validateRecord({
      kind: 'opinion',
      campaignId: 'k1',
      stage: '',
      content: ' ',
      heardOn: '2022-02-30',
      channel: '座谈会',
      category: '后勤服务',
    });
    expect(errors).toEqual({ content: '不能为空', fromGroup: '不能为空', heardOn: '不是有效的日期' });
    expect(validateRecord({ kind: 'study', campaignId: 'k1', stage: '', topic: 't', mode: '自学', studiedOn: '2022-06-01', minutes: 0 })).toEqual({
      minutes: '至少 1 分钟',
    });
  });
});

describe('tasks', () => {
  it('counts my open tasks and the overdue ones among them', () => {
    const items = [
      { assigneeId: 'u1', status: 'open', deadline: '2022-06-01' },
      { assigneeId: 'u1', status: 'in_progress', deadline: '2022-07-01' },
      { assigneeId: 'u1', status: 'done', deadline: '2022-05-01' },
      { assigneeId: 'u2', status: 'open', deadline: '2022-05-01' },
    ];
    expect(countMyTasks(items, 'u1', '2022-06-15')).toEqual({ open: 2, overdue: 1 });
    expect(isOverdue({ status: 'closed', deadline: '2000-01-01' }, '2022-01-01')).toBe(false);
  });
});

describe('my records search', () => {
  const rec = (id: string, fields: Record<string, unknown>): LocalRecord => ({ id, base: {}, fields, updatedAt: 0 });
  it('matches every term against the record and its page', () => {
    const list = [
      rec('a', { kind: 'opinion', content: '宿舍热水供应时间短', page: { title: '问题清单的请示' } }),
      rec('b', { kind: 'study', topic: '党史学习' }),
    ];
    expect(searchRecords(list, '热水 请示').map((r) => r.id)).toEqual(['a']);
    expect(searchRecords(list, '').map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe('OA site input', () => {
  it('accepts a host, an URL or a pattern and stores port-less match patterns', () => {
    expect(sitePatterns('http://127.0.0.1:5173/seeyon/x.do')).toEqual(['http://127.0.0.1/*']);
    expect(sitePatterns('https://oa.example.edu.cn:8443/*')).toEqual(['https://oa.example.edu.cn/*']);
    expect(sitePatterns('javascript:alert(1)')).toEqual([]);
    expect(sitePatterns('')).toEqual([]);
    expect(sitePatterns('oa x edu')).toEqual([]);
  });

  it('keeps http when the site is typed with http, and gives a bare host both http and https', () => {
    expect(sitePatterns('http://oa.x.edu.cn')).toEqual(['http://oa.x.edu.cn/*']);
    expect(sitePatterns('  oa.x.edu.cn  ')).toEqual(['http://oa.x.edu.cn/*', 'https://oa.x.edu.cn/*']);
    expect(sitePatterns('oa.x.edu.cn:8080/seeyon/main.do')).toEqual(['http://oa.x.edu.cn/*', 'https://oa.x.edu.cn/*']);
  });
});

describe('server address input', () => {
  it('takes an address with its scheme as typed, down to the origin', () => {
    expect(serverAddress('https://tz.x.edu.cn/api/v1')).toEqual({ ok: true, url: 'https://tz.x.edu.cn' });
    expect(serverAddress('http://10.2.3.4:8787')).toEqual({ ok: true, url: 'http://10.2.3.4:8787' });
  });

  it('accepts an address without a scheme and says in Chinese what it assumed', () => {
    expect(serverAddress('tz.x.edu.cn')).toEqual({
      ok: true,
      url: 'https://tz.x.edu.cn',
      assumed: '地址未写 http:// 或 https://，已按 https://tz.x.edu.cn 连接；若服务器用 http，请在地址前写明 http://',
    });
    expect(serverAddress('127.0.0.1:8787')).toMatchObject({ ok: true, url: 'http://127.0.0.1:8787' });
    expect(serverAddress('localhost:8787')).toMatchObject({ ok: true, url: 'http://localhost:8787' });
  });

  it('refuses what is not a web address, in Chinese', () => {
    expect(serverAddress('')).toEqual({ ok: false, message: '请填写服务器地址，如 https://taizhang.example.edu.cn' });
    expect(serverAddress('ftp://tz.x.edu.cn')).toEqual({ ok: false, message: '服务器地址应以 http:// 或 https:// 开头' });
    expect(serverAddress('tz x edu')).toEqual({ ok: false, message: '服务器地址格式不正确，应如 https://taizhang.example.edu.cn' });
  });
});

describe('refused writes as the user reads them', () => {
  const rejection = (over: Partial<Rejection>): Rejection => ({
    mutationId: 1,
    entity: 'record',
    entityId: 'r1',
    code: 'forbidden',
    message: '你不是该活动的成员',
    field: 'fields.campaignId',
    at: 0,
    ...over,
  });
  const rec = (id: string, deleted = false) => ({ id, base: {}, fields: { deleted }, updatedAt: 0 }) as LocalRecord;

  it('names the field with the form’s label before the server’s reason', () => {
    expect(refusalText(rejection({}))).toBe('活动：你不是该活动的成员');
    expect(refusalText(rejection({ code: 'invalid', message: '不在本活动的类别中', field: 'fields.category' }))).toBe('类别：不在本活动的类别中');
    // A reason that already names the field is not prefixed twice.
    expect(refusalText(rejection({ code: 'invalid', message: '类别不在本活动中', field: 'fields.category' }))).toBe('类别不在本活动中');
  });

  it('falls back to a Chinese reason for the code when the message is not Chinese', () => {
    expect(refusalText(rejection({ message: 'forbidden', field: undefined }))).toBe('没有权限');
    expect(refusalText(rejection({ code: 'weird', message: '', field: undefined }))).toBe('服务器未接受');
  });

  it('keeps refusals of live records and items, drops those of records deleted or gone', () => {
    const list = [rejection({ entityId: 'r1' }), rejection({ entityId: 'r2' }), rejection({ entityId: 'r3' }), rejection({ entity: 'item', entityId: 'i1' })];
    expect(openRefusals(list, [rec('r1'), rec('r2', true)]).map((r) => r.entityId)).toEqual(['r1', 'i1']);
  });

  it('summarises one refusal with its reason and several by count', () => {
    expect(refusalSummary([])).toBeNull();
    expect(refusalSummary([rejection({})])).toBe('1 条记录未被服务器接受（活动：你不是该活动的成员），请修改后重新保存');
    expect(refusalSummary([rejection({}), rejection({ entityId: 'r2' })])).toContain('2 条');
  });
});
