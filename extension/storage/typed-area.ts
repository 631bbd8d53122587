/**
 * Reads and writes checked against keys.ts: the local area as a whole (for the local store, which
 * writes several keys in one `set`) and single keys as items (settings, sync state, drafts …).
 */
import { chromeLocalArea, chromeSessionArea, type KvArea } from './kv-area';
import type { LocalKey, LocalPatch, LocalPrefix, LocalValues, PrefixedValue, SessionKey, SessionValues } from './keys';

export class LocalArea {
  constructor(readonly kv: KvArea = chromeLocalArea) {}

  async get<K extends LocalKey>(keys: readonly K[]): Promise<Partial<Pick<LocalValues, K>>> {
    return (await this.kv.get([...keys])) as Partial<Pick<LocalValues, K>>;
  }

  async one<K extends LocalKey>(key: K): Promise<LocalValues[K] | undefined> {
    return (await this.kv.get([key]))[key] as LocalValues[K] | undefined;
  }

  /** Every key present in the area (to find prefixed entries and undeclared leftovers). */
  async keys(): Promise<string[]> {
    return Object.keys(await this.kv.get(null));
  }

  /** The values of every key starting with `prefix`. */
  async prefixed<P extends LocalPrefix>(prefix: P): Promise<PrefixedValue<P>[]> {
    return Object.entries(await this.kv.get(null))
      .filter(([k]) => k.startsWith(prefix))
      .map(([, v]) => v as PrefixedValue<P>);
  }

  /** One transaction: every key of `patch` is written, or none is. */
  set(patch: LocalPatch): Promise<void> {
    return this.kv.set(patch);
  }

  remove(keys: readonly LocalKey[]): Promise<void> {
    return this.kv.remove([...keys]);
  }
}

/** One key's value, like WXT's `storage.defineItem`, over a swappable area. */
export interface StoredItem<T> {
  get(): Promise<T | null>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
}

function itemOf<T>(kv: KvArea, key: string): StoredItem<T> {
  return {
    get: async () => ((await kv.get([key]))[key] as T | undefined) ?? null,
    set: (value) => kv.set({ [key]: value }),
    remove: () => kv.remove([key]),
  };
}

export function localItem<K extends LocalKey>(key: K, kv: KvArea = chromeLocalArea): StoredItem<LocalValues[K]> {
  return itemOf(kv, key);
}

export function sessionItem<K extends SessionKey>(key: K, kv: KvArea = chromeSessionArea): StoredItem<SessionValues[K]> {
  return itemOf(kv, key);
}
