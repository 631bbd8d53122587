/**
 * The slice of `chrome.storage.local` the local store needs. One `set` call with several keys is
 * written in one transaction, which is what keeps a record and its outbox mutation together.
 */
export interface KvArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

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
