/** The 待办 view, the digest, the robot message and the webhook rules: pure functions of their input. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestFor, MAX_ROBOT_MARKDOWN_BYTES, plainMarkdown, robotMessage } from './digest';
import { NO_ASSIGNEE, NO_UNIT, remindersView, type ReminderItemInput } from './reminders-view';
import { hourIn } from './scheduler';
import { maskWebhookUrl, robotBody, signedDingTalkUrl, webhookUrlProblem } from './webhook';

const TODAY = '2024-06-20';
let n = 0;
const item = (over: Partial<ReminderItemInput>): ReminderItemInput => ({
  id: `i-${++n}`,
  list: 'task',
  title: `整改任务 ${n}`,
  deadline: TODAY,
  status: 'in_progress',
  responsibleUnit: '后勤处',
  assigneeId: null,
  ...over,
});
const users = [
  { id: 'u-zhang', name: '张伟', unit: '后勤处' },
  { id: 'u-li', name: '李娜', unit: '教务处' },
];
const campaign = { id: 'k-1', title: '下基层察民情解民忧暖民心' };

describe('remindersView', () => {
  const items = [
    item({ deadline: '2024-06-18', assigneeId: 'u-zhang' }), // overdue 2 days
    item({ deadline: '2024-06-19', assigneeId: 'u-zhang', list: 'problem', status: 'open' }), // overdue 1 day
    item({ deadline: '2024-06-20', assigneeId: 'u-li', responsibleUnit: '教务处' }), // due today
    item({ deadline: '2024-06-23', assigneeId: null, responsibleUnit: '  ' }), // due in 3 days, no unit, nobody
    item({ deadline: '2024-06-24', assigneeId: 'u-li' }), // in 4 days: outside a 3-day window
    item({ deadline: '2024-06-01', status: 'done', assigneeId: 'u-zhang' }), // reported done: waits for 销号
    item({ deadline: '2024-06-01', status: 'closed' }), // 销号
    item({ deadline: '2024-06-01', list: 'effect', status: 'open' }), // effects are not to-dos
    item({ deadline: null }), // no deadline
    item({ deadline: '2024-06-10', assigneeId: 'u-gone', responsibleUnit: '保卫处' }), // an assignee unknown to users
  ];
  const view = remindersView({ campaign, items, users, today: TODAY });

  it('counts overdue and due-soon problems and tasks still open, with a three-day window by default', () => {
    expect(view).toMatchObject({ campaignId: 'k-1', today: TODAY, dueSoonDays: 3, counts: { overdue: 3, dueSoon: 2, awaitingClose: 1 } });
    expect(remindersView({ campaign, items, users, today: TODAY, dueSoonDays: 7 }).counts).toMatchObject({ overdue: 3, dueSoon: 3 });
  });

  it('groups by 责任部门, the empty unit as （未指定部门）, most overdue first', () => {
    expect(view.byUnit.map((g) => [g.label, g.overdue, g.dueSoon])).toEqual([
      ['后勤处', 2, 0],
      ['保卫处', 1, 0],
      ['教务处', 0, 1],
      [NO_UNIT, 0, 1],
    ]);
    const logistics = view.byUnit[0]!;
    expect(logistics.items.map((i) => [i.deadline, i.overdue, i.days, i.list])).toEqual([
      ['2024-06-18', true, 2, 'task'],
      ['2024-06-19', true, 1, 'problem'],
    ]);
  });

  it('groups by person with their names, the unassigned as （未指定责任人）, an unknown id shown as itself', () => {
    expect(view.byPerson.map((g) => [g.label, g.userId, g.unit, g.overdue, g.dueSoon])).toEqual([
      ['张伟', 'u-zhang', '后勤处', 2, 0],
      ['u-gone', 'u-gone', '', 1, 0],
      ['李娜', 'u-li', '教务处', 0, 1],
      [NO_ASSIGNEE, null, '', 0, 1],
    ]);
    const dueToday = view.byPerson[2]!.items[0]!;
    expect(dueToday).toMatchObject({ overdue: false, days: 0, unit: '教务处', assigneeName: '李娜' });
  });

  it('reads "today" as given: the day after, today’s items are overdue', () => {
    const tomorrow = remindersView({ campaign, items, users, today: '2024-06-21' });
    expect(tomorrow.byUnit.find((g) => g.label === '教务处')).toMatchObject({ overdue: 1, dueSoon: 0 });
  });
});

describe('digestFor', () => {
  it('says the counts, then each unit', () => {
    const items = [
      item({ deadline: '2024-06-18' }),
      item({ deadline: '2024-06-19' }),
      item({ deadline: '2024-06-21' }),
      item({ deadline: '2024-06-15', responsibleUnit: '教务处' }),
      item({ deadline: '2024-06-22', responsibleUnit: '' }),
    ];
    expect(digestFor(remindersView({ campaign, items, users, today: TODAY }))).toBe(
      '今日待办：逾期 3 项，3 日内到期 2 项；后勤处 2 项逾期、1 项将到期；教务处 1 项逾期；（未指定部门） 1 项将到期。',
    );
  });

  it('says when there is nothing, names five units at most, and mentions what waits for 销号', () => {
    expect(digestFor(remindersView({ campaign, items: [], users, today: TODAY }))).toBe('今日待办：没有逾期或 3 日内到期的事项。');
    const many = ['一', '二', '三', '四', '五', '六', '七'].map((x) => item({ deadline: '2024-06-01', responsibleUnit: `第${x}处` }));
    const text = digestFor(remindersView({ campaign, items: [...many, item({ status: 'done' })], users, today: TODAY }));
    expect(text).toMatch(/^今日待办：逾期 7 项，3 日内到期 0 项；/);
    expect(text).toContain('；等 7 个部门。另有 1 项已完成待销号。');
    expect(text.match(/项逾期/g)).toHaveLength(5);
  });
});

describe('robotMessage', () => {
  it('is markdown of counts per unit, no item titles or names, and carries the keywords 今日待办 and 台账', () => {
    const items = [
      item({ deadline: '2024-06-18', title: '浴室排队时间长', assigneeId: 'u-zhang' }),
      item({ deadline: '2024-06-21', responsibleUnit: '教务处' }),
    ];
    const view = remindersView({ campaign, items, users, today: TODAY });
    const wecom = robotMessage(view, 'wecom');
    expect(wecom.markdown).toContain('逾期 **1** 项，3 日内到期 **1** 项');
    expect(wecom.markdown).toContain('\n> 后勤处 1 项逾期\n> 教务处 1 项将到期\n');
    expect(wecom.markdown).toMatch(/今日待办/);
    expect(wecom.markdown).toMatch(/台账/);
    expect(wecom.markdown).not.toContain('浴室');
    expect(wecom.markdown).not.toContain('张伟');
    expect(robotMessage(view, 'dingtalk').markdown).toContain('\n\n> 后勤处 1 项逾期\n\n');
    expect(wecom.title).toBe('下基层察民情解民忧暖民心 · 今日待办');
  });

  it('neutralises markdown and @-mentions in office-entered names, and stays under the byte cap', () => {
    expect(plainMarkdown('后勤处<@all> **[点我](http://x)**\n#1')).toBe('后勤处＜＠all＞ ＊＊［点我］（http://x）＊＊ ＃1');
    const units = Array.from({ length: 400 }, (_, i) => item({ deadline: '2024-06-01', responsibleUnit: `第${i}个很长很长很长的责任部门名称` }));
    const { markdown } = robotMessage(remindersView({ campaign, items: units, users, today: TODAY }), 'wecom');
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(MAX_ROBOT_MARKDOWN_BYTES);
    expect(markdown).toMatch(/> ……另有 \d+ 个部门\n（台账每日自动提醒/);
    const shown = markdown.match(/项逾期/g)!.length;
    expect(markdown).toContain(`……另有 ${400 - shown} 个部门`);
  });
});

describe('webhook rules', () => {
  it('accepts only the official hosts over https, with their path and token', () => {
    expect(webhookUrlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc123', false)).toBeNull();
    expect(webhookUrlProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', false)).toBeNull();
    expect(webhookUrlProblem('dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=abc', false)).toContain('须以 https:// 开头');
    expect(webhookUrlProblem('dingtalk', 'https://oapi.dingtalk.com.evil.example/robot/send?access_token=abc', false)).toContain('只能是官方地址');
    expect(webhookUrlProblem('wecom', 'https://oapi.dingtalk.com/robot/send?access_token=abc', false)).toContain('只能是官方地址');
    expect(webhookUrlProblem('dingtalk', 'https://oapi.dingtalk.com:8443/robot/send?access_token=abc', false)).toContain('只能是官方地址');
    expect(webhookUrlProblem('dingtalk', 'https://u:p@oapi.dingtalk.com/robot/send?access_token=abc', false)).toContain('用户名或密码');
    expect(webhookUrlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send', false)).toContain('应如');
    expect(webhookUrlProblem('dingtalk', 'not a url', false)).toContain('不是有效的网址');
  });

  it('lets a local endpoint through only with the flag', () => {
    expect(webhookUrlProblem('wecom', 'http://127.0.0.1:4567/hook', false)).not.toBeNull();
    expect(webhookUrlProblem('wecom', 'http://127.0.0.1:4567/hook', true)).toBeNull();
    expect(webhookUrlProblem('wecom', 'http://localhost/hook', true)).toBeNull();
    expect(webhookUrlProblem('wecom', 'http://10.0.0.5/hook', true)).not.toBeNull();
  });

  it('masks every query value, never showing the whole token', () => {
    expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****',
    );
    expect(maskWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=short')).toBe('https://oapi.dingtalk.com/robot/send?access_token=****');
  });

  it('signs DingTalk requests: base64 HmacSHA256 of "timestamp\\nsecret", url-encoded, as timestamp and sign', () => {
    const secret = 'SECthisisasecretofthedingtalkrobot0123';
    const ts = 1718841600000;
    const expected = encodeURIComponent(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
    const url = signedDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, ts);
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=${expected}`);
  });

  it('builds each platform’s markdown body', () => {
    expect(robotBody('dingtalk', 'T', 'M')).toEqual({ msgtype: 'markdown', markdown: { title: 'T', text: 'M' } });
    expect(robotBody('wecom', 'T', 'M')).toEqual({ msgtype: 'markdown', markdown: { content: 'M' } });
  });

  it('reads the hour in the deployment zone', () => {
    expect(hourIn('Asia/Shanghai', Date.parse('2024-06-20T00:30:00Z'))).toBe(8);
    expect(hourIn('UTC', Date.parse('2024-06-20T00:30:00Z'))).toBe(0);
  });
});
