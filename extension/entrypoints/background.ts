/** Wires the background: messages, shortcut, toolbar button, context menu, alarms. */
import { browser } from 'wxt/browser';
import { Router } from '../background/router';
import { SidebarGate } from '../background/sidebar-gate';
import { scheduleBadge } from '../background/badge-schedule';
import { SyncRunner } from '../background/sync-runner';
import { sendToTabInjecting } from '../background/tab-control';
import type { BackgroundMessage } from '../messaging/messages';
import { chromeLocalArea } from '../storage/kv-area';
import { LocalStore } from '../sync/local-store';

const MENU_OPINION = 'tz-record-opinion';
const MENU_STUDY = 'tz-record-study';

export default defineBackground(() => {
  const store = new LocalStore(chromeLocalArea);
  const runner = new SyncRunner(store);
  const router = new Router(store, runner, new SidebarGate());

  browser.runtime.onMessage.addListener((message: BackgroundMessage, sender, reply) => {
    void router.handle(message, sender).then(reply);
    return true;
  });

  const toggleOn = (tabId: number | undefined) => {
    if (tabId !== undefined) void sendToTabInjecting(tabId, { type: 'sidebar:toggle' }).catch(() => undefined);
  };
  browser.action.onClicked.addListener((tab) => toggleOn(tab.id));
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-sidebar') toggleOn(tab?.id);
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    const kind = info.menuItemId === MENU_STUDY ? 'study' : info.menuItemId === MENU_OPINION ? 'opinion' : null;
    if (kind && tab?.id !== undefined) void sendToTabInjecting(tab.id, { type: 'sidebar:open', kind }).catch(() => undefined);
  });

  browser.runtime.onInstalled.addListener(() => {
    // The promise form, not a callback: Firefox's `browser` namespace ignores callbacks.
    void browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({ id: MENU_OPINION, title: '记为意见建议', contexts: ['selection'] });
      browser.contextMenus.create({ id: MENU_STUDY, title: '记为学习内容', contexts: ['selection'] });
    });
    void router.applySites().catch(() => undefined);
  });
  // Alarms, start-up and install: sync, and the badge counted without waiting for the sidebar.
  scheduleBadge(runner);

  // Browser tests cannot press the toolbar button, a browser-level shortcut or a native context-menu
  // entry; they call the same handlers through this hook on the service worker. Test builds only:
  // the MODE check is replaced at build time, so a real build does not even contain the hook.
  if (import.meta.env.MODE === 'test') {
    (globalThis as Record<string, unknown>).__taizhang = {
      toggle: (tabId: number) => toggleOn(tabId),
      openKind: (tabId: number, kind: 'opinion' | 'study') => sendToTabInjecting(tabId, { type: 'sidebar:open', kind }),
    };
  }
});
