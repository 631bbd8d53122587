/**
 * Reaching the content script in a tab. On a page where it does not run yet (not a registered OA
 * site), a user gesture — toolbar button, shortcut, context menu — grants activeTab, and we inject it.
 */
import { browser } from 'wxt/browser';
import type { ContentMessage } from '../messaging/messages';
import { LAUNCHER_FILE } from '../settings/oa-sites';

export async function sendToTab<T = unknown>(tabId: number, message: ContentMessage): Promise<T> {
  return browser.tabs.sendMessage(tabId, message, { frameId: 0 }) as Promise<T>;
}

/** Sends, injecting the launcher first when nothing is listening in the tab. */
export async function sendToTabInjecting<T = unknown>(tabId: number, message: ContentMessage): Promise<T> {
  try {
    return await sendToTab<T>(tabId, message);
  } catch {
    await browser.scripting.executeScript({ target: { tabId }, files: [`/${LAUNCHER_FILE}` as '/launcher.js'] });
    return sendToTab<T>(tabId, message);
  }
}
