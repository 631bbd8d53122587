// @vitest-environment happy-dom
/**
 * The capture form (extension/sidebar/components/RecordForm.tsx) rendered in a DOM, with the
 * background answered on WXT's fake browser: what a new record starts from, the Chinese messages
 * under the fields, what a save sends, and the draft kept while typing.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Campaign } from '../../../shared/model/campaign';
import type { PageContext } from '../../../shared/model/page';
import type { RecordKind } from '../../../shared/model/vocabulary';
import { RecordForm } from '../../../extension/sidebar/components/RecordForm';
import { loadDraft } from '../../../extension/sidebar/drafts';
import { loadFormMemory } from '../../../extension/sidebar/form-memory';
import type { LocalRecord } from '../../../extension/sync/local-store';
import { answerAsBackground, type FakeHandlers } from './fake-background';

const TODAY = '2026-03-02';
const campaign: Campaign = {
  id: 'k1',
  title: '主题教育',
  stages: [
    { key: 's1', title: '学习调研', start: '2026-01-01', end: '2026-03-31' },
    { key: 's2', title: '整改落实', start: '2026-04-01', end: '2026-06-30' },
  ],
  categories: ['后勤服务', '教学管理'],
  channels: [],
  fromGroups: [],
  oaOrigins: [],
  memberIds: ['u_me'],
  obligations: {},
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const page: PageContext = { url: 'https://oa.example.edu.cn/doc/1#p2', title: '关于食堂服务的通知', quote: '食堂排队时间过长' };

const savedRecord = (fields: Record<string, unknown>): LocalRecord => ({ id: 'r1', base: {}, fields, updatedAt: 1 });
/** The background accepting every save. */
const accepting: FakeHandlers = { 'record:save': (m) => ({ ok: true, value: savedRecord(m.fields) }) };

function showForm(props: { kind?: RecordKind; context?: PageContext | null; campaigns?: Campaign[]; today?: string } = {}) {
  const onSaved = vi.fn();
  const onSaving = vi.fn();
  render(
    <RecordForm
      kind={props.kind ?? 'opinion'}
      context={props.context === undefined ? page : props.context}
      campaigns={props.campaigns ?? [campaign]}
      today={props.today ?? TODAY}
      editing={null}
      onSaved={onSaved}
      onCancelEdit={() => undefined}
      onSaving={onSaving}
    />,
  );
  return { onSaved, onSaving };
}

const field = (name: string) => screen.getByTestId(`tz-field-${name}`) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.input(field(name), { target: { value } });
const choose = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });
const loaded = (kind: RecordKind = 'opinion') => waitFor(() => expect(screen.getByTestId(`tz-form-${kind}`).dataset.loaded).toBe('true'));
const save = () => fireEvent.click(screen.getByTestId('tz-save'));
const errorOf = (name: string) => screen.queryByTestId(`tz-error-${name}`)?.textContent;

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('the record form', () => {
  it('starts a new opinion from the page: today, the selected passage, the campaign and stage running today', async () => {
    answerAsBackground(accepting);
    showForm();
    await loaded();
    expect(field('heardOn').value).toBe(TODAY);
    expect(field('content').value).toBe('食堂排队时间过长');
    expect(field('quote').value).toBe('食堂排队时间过长');
    expect(field('campaignId').value).toBe('k1');
    expect(field('stage').value).toBe('s1');
    // The campaign's own categories are the choices.
    expect([...field('category').querySelectorAll('option')].map((o) => o.textContent)).toEqual(['请选择', '后勤服务', '教学管理']);
  });

  it('takes a passage that arrives while the form is still loading its draft (a sidebar loaded ahead, then shown)', async () => {
    const props = {
      kind: 'opinion' as const,
      campaigns: [campaign],
      today: TODAY,
      editing: null,
      onSaved: vi.fn(),
      onCancelEdit: () => undefined,
      onSaving: vi.fn(),
    };
    const { rerender } = render(<RecordForm {...props} context={{ ...page, quote: undefined }} />);
    // Shown: the page pushes the passage selected before the click, before the draft has loaded.
    rerender(<RecordForm {...props} context={page} />);
    await waitFor(() => expect(field('quote').value).toBe('食堂排队时间过长'));
    expect(field('content').value).toBe('食堂排队时间过长');
  });

  it('says in Chinese what is missing, under each field, and sends nothing', async () => {
    const asked = answerAsBackground(accepting);
    const { onSaving } = showForm();
    await loaded();
    type('content', '  ');
    save();
    await waitFor(() => expect(errorOf('content')).toBe('不能为空'));
    expect(errorOf('fromGroup')).toBe('不能为空');
    expect(errorOf('channel')).toBe('不能为空');
    expect(errorOf('category')).toBe('不能为空');
    expect(errorOf('speaker')).toBeUndefined();
    expect(asked).toEqual([]);
    expect(onSaving).toHaveBeenLastCalledWith(false);

    // Correcting a field takes its message away.
    type('content', '食堂排队时间过长');
    expect(errorOf('content')).toBeUndefined();
    expect(errorOf('category')).toBe('不能为空');
  });

  it('checks a study’s minutes', async () => {
    answerAsBackground(accepting);
    showForm({ kind: 'study' });
    await loaded('study');
    type('minutes', '0');
    save();
    await waitFor(() => expect(errorOf('minutes')).toBe('至少 1 分钟'));
  });

  it('without any campaign, sends the user to the settings first', async () => {
    answerAsBackground(accepting);
    showForm({ campaigns: [] });
    await loaded();
    save();
    await waitFor(() => expect(errorOf('campaignId')).toBe('尚未加入任何活动，请先在设置页测试连接'));
  });

  it('saves a filled form through the background, then starts a clean form and drops the draft', async () => {
    const asked = answerAsBackground(accepting);
    const { onSaved } = showForm();
    await loaded();
    choose('fromGroup', '学生');
    choose('channel', '座谈会');
    choose('category', '后勤服务');
    type('speaker', '张三');
    await waitFor(async () => expect(await loadDraft('opinion', page.url)).not.toBeNull());
    save();

    await waitFor(() => expect(screen.getByTestId('tz-notice').textContent).toBe('意见建议已保存'));
    expect(asked).toEqual([
      {
        type: 'record:save',
        id: null,
        fields: {
          kind: 'opinion',
          content: '食堂排队时间过长',
          fromGroup: '学生',
          channel: '座谈会',
          category: '后勤服务',
          heardOn: TODAY,
          speaker: '张三',
          campaignId: 'k1',
          stage: 's1',
          page: { url: page.url, title: page.title, quote: '食堂排队时间过长' },
          deleted: false,
        },
      },
    ]);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'r1' }));
    expect(field('content').value).toBe('');
    expect(field('speaker').value).toBe('');
    expect(field('heardOn').value).toBe(TODAY);
    expect(await loadDraft('opinion', page.url)).toBeNull();
  });

  it('shows the background’s refusal under its field, and any other failure as 保存失败', async () => {
    let reply: { ok: false; message: string; field?: string } = { ok: false, message: '类别不在本活动中', field: 'category' };
    answerAsBackground({ 'record:save': () => reply });
    showForm();
    await loaded();
    choose('fromGroup', '学生');
    choose('channel', '座谈会');
    choose('category', '后勤服务');
    save();
    await waitFor(() => expect(errorOf('category')).toBe('类别不在本活动中'));
    expect(screen.queryByTestId('tz-notice')).toBeNull();

    reply = { ok: false, message: '存储空间已满' };
    save();
    await waitFor(() => expect(screen.getByTestId('tz-notice').textContent).toBe('保存失败：存储空间已满'));
    // Nothing was lost: the user's input is still there to try again.
    expect(field('content').value).toBe('食堂排队时间过长');
  });

  it('keeps what the user typed as a draft of this page, brought back when the form opens again', async () => {
    answerAsBackground(accepting);
    showForm({ context: { ...page, quote: undefined } });
    await loaded();
    type('content', '图书馆自习座位不够');
    await waitFor(async () => expect((await loadDraft('opinion', page.url))?.values.content).toBe('图书馆自习座位不够'));

    cleanup();
    showForm({ context: { ...page, quote: undefined } });
    await loaded();
    expect(field('content').value).toBe('图书馆自习座位不够');
  });
});

describe('meeting mode: one 座谈会, several opinions', () => {
  const fillMeeting = () => {
    choose('fromGroup', '学生');
    choose('channel', '座谈会');
    choose('category', '后勤服务');
    type('heardOn', '2026-03-01');
  };
  const sentFields = (asked: unknown[]) => asked.map((m) => (m as { fields: Record<string, unknown> }).fields);

  it('keeps date, channel, group and category after a save, with the cursor back in 内容 for the next one', async () => {
    const asked = answerAsBackground(accepting);
    showForm();
    await loaded();
    fillMeeting();
    save();
    await waitFor(() => expect(screen.getByTestId('tz-notice').textContent).toBe('意见建议已保存'));
    expect(field('content').value).toBe('');
    expect([field('heardOn').value, field('channel').value, field('fromGroup').value, field('category').value]).toEqual([
      '2026-03-01',
      '座谈会',
      '学生',
      '后勤服务',
    ]);
    expect(document.activeElement).toBe(field('content'));
    expect(screen.getByTestId('tz-kept').textContent).toContain('沿用上一条');

    type('content', '希望延长图书馆开放时间');
    save();
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(sentFields(asked)[1]).toMatchObject({
      content: '希望延长图书馆开放时间',
      heardOn: '2026-03-01',
      channel: '座谈会',
      fromGroup: '学生',
      category: '后勤服务',
    });
    // What the user changes is what the next one keeps.
    await waitFor(() => expect(field('content').value).toBe(''));
    choose('channel', '走访/入户家访');
    type('content', '实验室设备老化');
    save();
    await waitFor(() => expect(asked).toHaveLength(3));
    expect(sentFields(asked)[2]).toMatchObject({ channel: '走访/入户家访', category: '后勤服务' });
  });

  it('a form opened again the same day starts from the kept values, the next day from scratch; 不再沿用 forgets them', async () => {
    answerAsBackground(accepting);
    showForm();
    await loaded();
    fillMeeting();
    save();
    await waitFor(async () => expect((await loadFormMemory()).opinion?.values.channel).toBe('座谈会'));

    cleanup();
    showForm({ context: { ...page, url: 'https://oa.example.edu.cn/doc/2', quote: undefined } });
    await loaded();
    await waitFor(() => expect(field('channel').value).toBe('座谈会'));
    expect(field('heardOn').value).toBe('2026-03-01');

    cleanup();
    showForm({ today: '2026-03-03' });
    await loaded();
    expect([field('heardOn').value, field('channel').value]).toEqual(['2026-03-03', '']);
    expect(screen.queryByTestId('tz-kept')).toBeNull();

    cleanup();
    showForm();
    await loaded();
    await waitFor(() => expect(field('category').value).toBe('后勤服务'));
    fireEvent.click(screen.getByTestId('tz-kept-clear'));
    expect([field('heardOn').value, field('channel').value, field('fromGroup').value, field('category').value]).toEqual([TODAY, '', '', '']);
    await waitFor(async () => expect((await loadFormMemory()).opinion).toBeUndefined());
  });

  it('remembers per site the campaign and stage last chosen there', async () => {
    const other: Campaign = {
      ...campaign,
      id: 'k2',
      title: '党纪学习教育',
      stages: [{ key: 't1', title: '集中学习', start: '2026-02-01', end: '2026-05-31' }],
    };
    answerAsBackground(accepting);
    showForm({ campaigns: [campaign, other] });
    await loaded();
    expect(field('campaignId').value).toBe('k1');
    choose('campaignId', 'k2');
    choose('stage', 't1');
    fillMeeting();
    save();
    await waitFor(async () => expect((await loadFormMemory()).sites['https://oa.example.edu.cn']).toEqual({ campaignId: 'k2', stage: 't1' }));

    cleanup();
    showForm({ kind: 'study', campaigns: [campaign, other], context: { ...page, url: 'https://oa.example.edu.cn/news/9' } });
    await loaded('study');
    expect([field('campaignId').value, field('stage').value]).toEqual(['k2', 't1']);

    cleanup();
    showForm({ kind: 'study', campaigns: [campaign, other], context: { ...page, url: 'http://jwc.example.edu.cn/notice/1' } });
    await loaded('study');
    expect([field('campaignId').value, field('stage').value]).toEqual(['k1', 's1']);
  });
});
