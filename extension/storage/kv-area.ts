/**
 * The key-value areas the extension stores into: `browser.storage.local` and `.session`, and a Map
 * for unit tests. One `set` call with several keys is written in one transaction, which is what
 * keeps a record and the outbox mutation carrying it together. Keys and their value types are
 * keys.ts's; nothing reads or writes these areas except through typed-area.ts.
 */
import { browser } from 'wxt/browser';

export interface KvArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export const chromeLocalArea: KvArea = {
  get: (keys) => browser.storage.local.get(keys) as Promise<Record<string, unknown>>,
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};

/** Cleared when the browser closes, and out of reach of content scripts. */
export const chromeSessionArea: KvArea = {
  get: (keys) => browser.storage.session.get(keys) as Promise<Record<string, unknown>>,
  set: (items) => browser.storage.session.set(items),
  remove: (keys) => browser.storage.session.remove(keys),
};

/** An in-memory area for unit tests; `failNextSet` simulates a full or broken disk. */
export class MemoryKvArea implements KvArea {
  readonly data = new Map<string, unknown>();
  failNextSet = false;

  async get(keys: string[] | null): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.data) if (keys === null || keys.includes(k)) out[k] = structuredClone(v);
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failNextSet) {
      this.failNextSet = false;
      throw new Error('写入失败（模拟）');
    }
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }

  async remove(keys: string[]): Promise<void> {
    for (const k of keys) this.data.delete(k);
  }
}
