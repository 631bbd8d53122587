/**
 * The package's fourth version number, remembered with the content it was given to
 * (`deployment/extension-versions` in the store): the same content keeps its number across restarts and
 * across the servers of one database, and any change of content — a new build, a new OA site, a new
 * address — gets the next one, so browsers update.
 */
import { z } from 'zod';
import type { Store } from '../store/store';

export const VERSIONS_ID = 'extension-versions';
const LedgerSchema = z.record(z.string(), z.object({ contentHash: z.string(), build: z.number().int().min(1) }));

export class VersionLedger {
  constructor(private readonly store: Store) {}

  /** The number for `contentHash` of package `name` (chrome, firefox): kept if the content is the same, the next one otherwise. */
  async buildFor(name: string, contentHash: string): Promise<number> {
    return this.store.transact(async (tx) => {
      const stored = await tx.get('deployment', VERSIONS_ID);
      const parsed = LedgerSchema.safeParse(stored?.value ?? {});
      if (!parsed.success) throw new Error('存储中的扩展版本记录已损坏');
      const ledger = parsed.data;
      const last = ledger[name];
      if (last?.contentHash === contentHash) return last.build;
      const next = { contentHash, build: (last?.build ?? 0) + 1 };
      await tx.put('deployment', { id: VERSIONS_ID, value: { ...ledger, [name]: next }, updatedAt: new Date().toISOString() });
      return next.build;
    });
  }
}
