/**
 * The background router's guard before dispatch, on WXT's fake browser: who may send which request
 * (the `from` of each entry in messaging/messages.ts), and a sidebar frame only once its ticket is
 * redeemed. The browser tests reach this through real frames; these reach every branch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser, type Browser } from 'wxt/browser';
import { Router } from '../../../extension/background/router';
import { SidebarGate } from '../../../extension/background/sidebar-gate';
import { SyncRunner } from '../../../extension/background/sync-runner';
import type { BackgroundMessage } from '../../../extension/messaging/messages';
import { chromeLocalArea } from '../../../extension/storage/kv-area';
import { LocalStore } from '../../../extension/sync/local-store';

const EXT = 'chrome-extension://abcdefghijklmnop';
type Sender = Browser.runtime.MessageSender;

const launcher = (tabId = 7): Sender => ({
  id: browser.runtime.id,
  tab: { id: tabId } as Browser.tabs.Tab,
  frameId: 0,
  url: 'https://oa.example.edu.cn/doc/1',
});
const sidebar = (tabId = 7, frameId = 3): Sender => ({ id: browser.runtime.id, tab: { id: tabId } as Browser.tabs.Tab, frameId, url: `${EXT}/sidebar.html` });
const options = (): Sender => ({ id: browser.runtime.id, url: `${EXT}/options.html` });

let router: Router;
const send = (message: unknown, sender: Sender) => router.handle(message as BackgroundMessage, sender);

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('self', { location: { protocol: 'chrome-extension:' } });
  // The network is out of reach: requests that pass the guard fail there, in Chinese.
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
  const store = new LocalStore(chromeLocalArea);
  router = new Router(store, new SyncRunner(store), new SidebarGate());
});
afterEach(() => vi.unstubAllGlobals());

describe('the background router', () => {
  it('refuses another extension, and a request it does not know, with a sentence and no throw', async () => {
    expect(await send({ type: 'tasks:get' }, { ...options(), id: 'someone-else' })).toEqual({ ok: false, message: '拒绝来源不明的消息' });
    expect(await send({ type: 'toString' }, options())).toMatchObject({ ok: false, message: '扩展无法处理此请求' });
    expect(await send(null, options())).toMatchObject({ ok: false });
  });

  it('gives tickets only to the launcher in a web page’s top frame', async () => {
    expect(await send({ type: 'sidebar:ticket' }, options())).toMatchObject({ ok: false, message: '只有台账启动按钮可以打开侧栏' });
    expect(await send({ type: 'sidebar:ticket' }, { ...launcher(), frameId: 2 })).toMatchObject({ ok: false });
    const issued = await send({ type: 'sidebar:ticket' }, launcher());
    expect(issued).toMatchObject({ ok: true, value: expect.any(String) });
  });

  it('hears a sidebar frame only after it redeemed a ticket issued for its tab', async () => {
    expect(await send({ type: 'record:delete', id: 'r1' }, sidebar())).toMatchObject({ ok: false, message: '此侧栏未经台账扩展打开，已拒绝' });
    const ticket = ((await send({ type: 'sidebar:ticket' }, launcher(7))) as { value: string }).value;
    expect(await send({ type: 'sidebar:hello', ticket }, sidebar(8))).toMatchObject({ ok: false, message: '此侧栏不是由台账扩展在本页打开的，已拒绝显示' });
    const ticket2 = ((await send({ type: 'sidebar:ticket' }, launcher(7))) as { value: string }).value;
    expect(await send({ type: 'sidebar:hello', ticket: ticket2 }, sidebar(7))).toEqual({ ok: true, value: null });
    // Past the guard: the handler runs (and finds no such record).
    expect(await send({ type: 'record:delete', id: 'r1' }, sidebar(7))).toEqual({ ok: false, message: '记录不存在' });
    // A ticket is good once.
    expect(await send({ type: 'sidebar:hello', ticket: ticket2 }, sidebar(7, 4))).toMatchObject({ ok: false });
  });

  it('lets only the options page change the server and token', async () => {
    const connect = { type: 'account:connect', serverUrl: 'https://tz.example.edu.cn', token: 'tok-0123456789abcdef', discardPending: false };
    expect(await send(connect, launcher())).toMatchObject({ ok: false, message: '只有设置页可以更改服务器和令牌' });
    expect(await send(connect, options())).toEqual({ ok: false, message: '无法连接服务器' });
  });

  it('keeps the page’s own script (the launcher) away from records and items', async () => {
    for (const message of [
      { type: 'record:save', id: null, fields: {} },
      { type: 'item:update', id: 'i1', fields: {} },
      { type: 'record:delete', id: 'r1' },
    ]) {
      expect(await send(message, launcher())).toMatchObject({ ok: false, message: '只有台账侧栏和设置页可以这样做' });
    }
    expect(await send({ type: 'page:quotes', url: 'https://oa.example.edu.cn/doc/1' }, launcher())).toEqual({ ok: true, value: [] });
  });

  it('is no longer on the page-context path: the sidebar and the content script talk over the page port', async () => {
    const ticket = ((await send({ type: 'sidebar:ticket' }, launcher(7))) as { value: string }).value;
    expect(await send({ type: 'sidebar:hello', ticket }, sidebar(7))).toEqual({ ok: true, value: null });
    for (const type of ['context:get', 'context:changed', 'sidebar:shown', 'sidebar:close']) {
      expect(await send({ type }, sidebar(7))).toEqual({ ok: false, message: '扩展无法处理此请求' });
      expect(await send({ type }, launcher(7))).toEqual({ ok: false, message: '扩展无法处理此请求' });
    }
  });

  it('refuses the sidebar-only hello from any other page', async () => {
    expect(await send({ type: 'sidebar:hello', ticket: 'x' }, options())).toMatchObject({ ok: false, message: '只有台账侧栏可以这样做' });
  });
});
