// @vitest-environment happy-dom
/**
 * My tasks (extension/sidebar/components/TaskList.tsx) rendered in a DOM, with the background
 * answered on WXT's fake browser: the status words of the lists, overdue and due-soon marks, the
 * campaign's obligations, the offline copy, and saving progress.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DONE_NEEDS_EVIDENCE } from '../../../shared/model/item-status';
import type { MyTask, MyTasks, TasksReply } from '../../../shared/model/my-tasks';
import type { Reply } from '../../../extension/messaging/messages';
import { TaskList } from '../../../extension/sidebar/components/TaskList';
import { browser } from 'wxt/browser';
import { answerAsBackground } from './fake-background';
import { myTask } from './fixtures';

/** What the background does on `item:update`: the item with my change, and its mutation in the outbox, in one write. */
async function storeEdit(id: string, fields: Record<string, unknown>) {
  const { items = {} } = (await browser.storage.local.get('items')) as { items?: Record<string, { fields: Record<string, unknown> }> };
  const item = { id, base: {}, fields: { ...(items[id]?.fields ?? {}), ...fields } };
  await browser.storage.local.set({ items: { ...items, [id]: item }, outbox: [{ id: 1, entity: 'item', entityId: id, hlc: '1767225600000-0000-c1', fields }] });
  return item;
}

const task = (id: string, over: Partial<MyTask>): MyTask => myTask(id, over);

const myTasks: MyTasks = {
  today: '2026-03-02',
  tasks: [
    task('i1', { title: '食堂排队时间过长问题整改', status: 'in_progress', deadline: '2026-02-20', overdue: true }),
    task('i2', { title: '图书馆空调维修', status: 'open', deadline: '2026-03-05', dueSoon: true }),
    task('i3', { title: '宿舍热水供应', status: 'done', evidence: '维修记录' }),
    task('i4', { title: '校园照明', status: 'closed', deadline: '2026-01-10' }),
  ],
  campaigns: [
    {
      id: 'k1',
      title: '主题教育',
      currentStage: { key: 's1', title: '学习调研', start: '2026-01-01', end: '2026-03-31', daysLeft: 29 },
      stages: [],
      obligations: {
        study: [{ stage: 's1', title: '学习调研', minutes: 30, quotaMinutes: 120, reflections: 0, quotaReflections: null }],
        reflectionMinChars: null,
        talks: { year: 2026, quarter: 1, count: 1, quota: 3 },
      },
    },
  ],
};

const rows = () => screen.getAllByTestId('tz-task');
const row = (title: string) => rows().find((r) => r.textContent?.includes(title))!;

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('my tasks', () => {
  it('shows each task’s status in the lists’ words, and marks the overdue and the due soon', async () => {
    answerAsBackground({ 'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }) });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(rows()).toHaveLength(4));

    expect(screen.getByText('分配给我的任务（4）')).toBeTruthy();
    expect(row('食堂排队').textContent).toContain('主题教育 · 期限 2026-02-20 · 整改中');
    expect(row('图书馆').textContent).toContain('未开始');
    expect(row('宿舍热水').textContent).toContain('已完成待销号');
    expect(row('校园照明').textContent).toContain('已销号');

    expect(rows().map((r) => r.dataset.overdue)).toEqual(['true', 'false', 'false', 'false']);
    expect(within(row('食堂排队')).getByText('已逾期')).toBeTruthy();
    expect(within(row('图书馆')).getByText('即将到期')).toBeTruthy();
    expect(within(row('宿舍热水')).queryByText(/已逾期|即将到期/)).toBeNull();
  });

  it('lets the assignee report only 整改中 or 已完成待销号, and nothing on a closed task', async () => {
    answerAsBackground({ 'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }) });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const choices = (title: string) =>
      [...within(row(title)).getByTestId('tz-task-status').querySelectorAll('option')].map((o) => `${o.textContent}${o.disabled ? '（当前）' : ''}`);
    expect(choices('图书馆')).toEqual(['未开始（当前）', '整改中', '已完成待销号']);
    expect(choices('食堂排队')).toEqual(['整改中（当前）', '已完成待销号']);
    expect(within(row('校园照明')).queryByTestId('tz-task-save')).toBeNull();
  });

  it('shows the campaign’s current stage and how far I am with study and talks', async () => {
    answerAsBackground({ 'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }) });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => screen.getByTestId('tz-obligation'));
    expect(screen.getByTestId('tz-obligation').textContent).toContain('当前环节：学习调研，截止 2026-03-31（剩 29 天）');
    expect(screen.getByTestId('tz-obligation-study').textContent).toContain('学习：30 / 120 分钟');
    expect(screen.getByTestId('tz-obligation-talks').textContent).toBe('本季度谈心谈话：1 / 3 次');
    expect(screen.getByTestId('tz-obligation-talks').className).toBe('behind');
  });

  it('offline: the last list, saying why; with none, the reason alone', async () => {
    let reply: Reply<TasksReply> = { ok: true, value: { tasks: myTasks, stale: true, reason: '无法连接服务器' } };
    answerAsBackground({ 'tasks:get': () => reply });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByText('离线显示上次获取的任务（无法连接服务器）')).toBeTruthy();

    cleanup();
    reply = { ok: false, message: '无法连接服务器' };
    render(<TaskList reloadKey={1} />);
    await waitFor(() => expect(screen.getByTestId('tz-tasks').textContent).toBe('无法获取任务：无法连接服务器'));
  });

  it('saves only what changed, and shows the background’s refusal', async () => {
    const asked = answerAsBackground({
      'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }),
      'item:update': async (m) =>
        m.fields.status === 'done' && !m.fields.evidence
          ? { ok: false, message: DONE_NEEDS_EVIDENCE, field: 'evidence' }
          : { ok: true, value: await storeEdit(m.id, m.fields) },
    });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const item = within(row('图书馆'));

    fireEvent.change(item.getByTestId('tz-task-status'), { target: { value: 'done' } });
    fireEvent.click(item.getByTestId('tz-task-save'));
    await waitFor(() => expect(item.getByRole('status').textContent).toBe(DONE_NEEDS_EVIDENCE));
    expect(item.getByRole('status').className).toBe('error');

    fireEvent.input(item.getByTestId('tz-task-evidence'), { target: { value: '维修单\u0007' } });
    fireEvent.click(item.getByTestId('tz-task-save'));
    await waitFor(() => expect(item.getByRole('status').textContent).toBe('已保存，待同步'));
    expect(asked.filter((m) => m.type === 'item:update').at(-1)).toEqual({ type: 'item:update', id: 'i2', fields: { status: 'done', evidence: '维修单' } });
  });

  it('shows a saved status and progress at once from the local store, 待同步 until the server has them, then 已同步 like the header', async () => {
    answerAsBackground({
      'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }),
      'item:update': async (m) => ({ ok: true, value: await storeEdit(m.id, m.fields) }),
    });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const card = within(row('图书馆'));
    expect(card.getByTestId('tz-task-state').dataset.status).toBe('open');

    fireEvent.input(card.getByTestId('tz-task-progress'), { target: { value: '已联系后勤报修' } });
    fireEvent.change(card.getByTestId('tz-task-status'), { target: { value: 'in_progress' } });
    fireEvent.click(card.getByTestId('tz-task-save'));
    await waitFor(() => expect(card.getByTestId('tz-task-state').textContent).toBe('主题教育 · 期限 2026-03-05 · 整改中（待同步）'));
    expect(card.getByTestId('tz-task-state').dataset.pending).toBe('true');
    await waitFor(() => expect(card.getByRole('status').textContent).toBe('已保存，待同步'));
    expect((card.getByTestId('tz-task-progress') as HTMLTextAreaElement).value).toBe('已联系后勤报修');

    // The sync took the outbox: the card says so, as the header does.
    await browser.storage.local.set({ outbox: [] });
    await waitFor(() => expect(card.getByRole('status').textContent).toBe('已保存并同步'));
    expect(card.getByTestId('tz-task-state').textContent).toBe('主题教育 · 期限 2026-03-05 · 整改中');
  });

  it('shows 销号 and 整改成效 as soon as a pull brings the office’s closing, even before the task list is fetched again', async () => {
    answerAsBackground({ 'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }) });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(within(row('宿舍热水')).getByTestId('tz-task-save')).toBeTruthy();

    await browser.storage.local.set({
      items: { i3: { id: 'i3', base: {}, fields: { status: 'closed', closedAt: '2026-03-01T16:30:00.000Z', effect: '热水改为全天供应，学生满意' } } },
    });
    const card = within(row('宿舍热水'));
    await waitFor(() => expect(card.getByTestId('tz-task-closed').textContent).toBe('2026-03-02 销号'));
    expect(card.getByTestId('tz-task-effect').textContent).toBe('整改成效：热水改为全天供应，学生满意');
    expect(card.getByTestId('tz-task-state').textContent).toContain('已销号');
    expect(card.queryByTestId('tz-task-save')).toBeNull();
  });

  it('shows the 整改目标 the office set, and a restated one as soon as a pull brings it', async () => {
    answerAsBackground({ 'tasks:get': () => ({ ok: true, value: { tasks: myTasks, stale: false } }) });
    render(<TaskList reloadKey={0} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const card = within(row('图书馆'));
    expect(card.getByTestId('tz-task-target').textContent).toBe('整改目标：排队不超过十分钟');
    await browser.storage.local.set({ items: { i2: { id: 'i2', base: {}, fields: { target: '期末周座位预约全覆盖' } } } });
    await waitFor(() => expect(card.getByTestId('tz-task-target').textContent).toBe('整改目标：期末周座位预约全覆盖'));
  });
});
