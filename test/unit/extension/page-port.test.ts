/**
 * The page port between the content script (SidebarLink) and the sidebar (PageLink), over a real
 * MessageChannel: typed requests with their replies, page changes pushed without being asked, and
 * nothing sent when the page did not change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PageContext } from '../../../shared/model/page';
import { SidebarLink } from '../../../extension/content/sidebar-link';
import type { PagePortEvent } from '../../../extension/messaging/messages';
import { PageLink } from '../../../extension/sidebar/page-link';

const notice = (title: string, url = 'https://oa.example.edu.cn/notify/1'): PageContext => ({
  url,
  title,
  docNumber: '校党发〔2024〕12号',
  issuer: '党委办公室',
  docDate: '2024-03-08',
  vendor: 'tongda',
});

const open: { close(): void }[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** A content-script end serving `page` and a sidebar end, joined by one channel. */
function linked(page: { context: PageContext; closed: number }, replyWaitMs?: number) {
  const channel = new MessageChannel();
  const content = new SidebarLink({
    'context:get': () => page.context,
    'sidebar:close': () => {
      page.closed++;
      return null;
    },
    'pick:start': async () => null,
    'pick:cancel': () => null,
  });
  content.attach(channel.port1);
  const sidebar = new PageLink(channel.port2, replyWaitMs);
  open.push(content, sidebar);
  return { content, sidebar, channel };
}

/** Collects pushed events; `next(n)` waits until n have arrived. */
function collect(sidebar: PageLink) {
  const events: PagePortEvent[] = [];
  let wake = () => {};
  sidebar.listen((e) => {
    events.push(e);
    wake();
  });
  const next = async (n: number) => {
    while (events.length < n) await new Promise<void>((r) => (wake = r));
    return events.slice(0, n);
  };
  return { events, next };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the page port', () => {
  it('answers the sidebar’s requests from the page, each with the reply type of its entry', async () => {
    const page = { context: notice('关于开展主题教育的通知'), closed: 0 };
    const { sidebar } = linked(page);
    expect(await sidebar.request({ type: 'context:get' })).toEqual(page.context);
    expect(await sidebar.request({ type: 'sidebar:close' })).toBeNull();
    expect(page.closed).toBe(1);
  });

  it('pushes page changes to the sidebar without being asked, in order', async () => {
    const page = { context: notice('通知一'), closed: 0 };
    const { content, sidebar } = linked(page);
    const { next } = collect(sidebar);
    content.push({ type: 'context:changed', context: notice('通知二', 'https://oa.example.edu.cn/#/notify/2') });
    content.push({ type: 'show', kind: 'study', context: notice('通知二', 'https://oa.example.edu.cn/#/notify/2') });
    expect(await next(2)).toEqual([
      { type: 'context:changed', context: notice('通知二', 'https://oa.example.edu.cn/#/notify/2') },
      { type: 'show', kind: 'study', context: notice('通知二', 'https://oa.example.edu.cn/#/notify/2') },
    ]);
  });

  it('sends nothing when the page did not change from what the sidebar has (a collapsed selection, a repeated route event)', async () => {
    const page = { context: notice('通知一'), closed: 0 };
    const { content, sidebar } = linked(page);
    const { events } = collect(sidebar);
    await sidebar.request({ type: 'context:get' });
    content.push({ type: 'context:changed', context: notice('通知一') });
    content.push({ type: 'context:changed', context: { ...notice('通知一'), quote: '纳入问题清单' } });
    content.push({ type: 'context:changed', context: { ...notice('通知一'), quote: '纳入问题清单' } });
    await settle();
    expect(events).toEqual([{ type: 'context:changed', context: { ...notice('通知一'), quote: '纳入问题清单' } }]);
  });

  it('keeps events that came before the sidebar listened, and hands them over first', async () => {
    const page = { context: notice('通知一'), closed: 0 };
    const { content, sidebar } = linked(page);
    content.push({ type: 'context:changed', context: notice('通知三') });
    await settle();
    const { next } = collect(sidebar);
    expect(await next(1)).toEqual([{ type: 'context:changed', context: notice('通知三') }]);
  });

  it('refuses a request the content script does not know, in Chinese', async () => {
    const { sidebar } = linked({ context: notice('通知一'), closed: 0 });
    await expect(sidebar.request({ type: 'record:save' } as never)).rejects.toThrow('页面无法处理此请求');
  });

  it('gives up on a page that no longer answers (its content script went away)', async () => {
    const channel = new MessageChannel();
    const sidebar = new PageLink(channel.port2, 50);
    open.push(channel.port1, sidebar);
    await expect(sidebar.request({ type: 'context:get' })).rejects.toThrow('页面没有响应');
  });

  it('talks only to the newest sidebar frame once a new one is handed its port', async () => {
    const page = { context: notice('通知一'), closed: 0 };
    const { content, sidebar: old } = linked(page);
    const oldEvents = collect(old).events;
    const fresh = new MessageChannel();
    content.attach(fresh.port1);
    const sidebar = new PageLink(fresh.port2);
    open.push(sidebar);
    const { next } = collect(sidebar);
    content.push({ type: 'context:changed', context: notice('通知四') });
    expect(await next(1)).toEqual([{ type: 'context:changed', context: notice('通知四') }]);
    expect(oldEvents).toEqual([]);
  });
});
