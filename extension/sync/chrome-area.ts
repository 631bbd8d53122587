/** `chrome.storage.local` as the local store's key-value area. */
import { browser } from 'wxt/browser';
import type { KvArea } from './kv-area';

export const chromeLocalArea: KvArea = {
  get: (keys) => browser.storage.local.get(keys) as Promise<Record<string, unknown>>,
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};
