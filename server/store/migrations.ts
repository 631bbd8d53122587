/**
 * Schema versions of the stored documents. Each migration takes the whole dump of version N to N+1;
 * they run at open, and the store then writes a fresh snapshot so the log never mixes versions.
 */
import type { CollectionName } from './store';

export type Dump = Record<CollectionName, (Record<string, unknown> & { id: string; seq: number })[]>;

export const CURRENT_SCHEMA_VERSION = 2;

/** MIGRATIONS[n] turns version n into version n + 1. */
export const MIGRATIONS: Record<number, (dump: Dump) => Dump> = {
  // Version 0 was the pre-release layout without client bindings: nothing to rewrite but the number.
  0: (dump) => ({ ...dump, clients: dump.clients ?? [] }),
  // Version 2 gives every problem and task its 整改目标 (the "五个明确" of a rectification ledger).
  1: (dump) => ({ ...dump, items: (dump.items ?? []).map((item) => ('target' in item ? item : { ...item, target: '' })) }),
};

/**
 * Migrations are written over whole dumps but rewrite documents one by one, so the same steps bring
 * a log entry's documents (written by the older version after its snapshot) up to date.
 */
export function migrateDocs<D extends Dump[CollectionName][number]>(puts: readonly [CollectionName, D][], fromVersion: number): [CollectionName, D][] {
  if (fromVersion === CURRENT_SCHEMA_VERSION) return [...puts];
  return puts.map(([collection, doc]) => {
    const one = { [collection]: [doc] } as unknown as Dump;
    const migrated = migrate(one, fromVersion).dump[collection] ?? [];
    return [collection, (migrated[0] as D | undefined) ?? doc];
  });
}

export function migrate(dump: Dump, fromVersion: number): { dump: Dump; migrated: boolean } {
  if (fromVersion > CURRENT_SCHEMA_VERSION) {
    throw new Error(`数据版本 ${fromVersion} 比本程序支持的 ${CURRENT_SCHEMA_VERSION} 新，请升级台账服务器`);
  }
  let current = dump;
  for (let v = fromVersion; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`缺少从数据版本 ${v} 升级的迁移`);
    current = step(current);
  }
  return { dump: current, migrated: fromVersion !== CURRENT_SCHEMA_VERSION };
}
