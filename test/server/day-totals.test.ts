import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileStore } from '../../server/store/open';
import { Rng } from '../support/random';
import { DayTotalsIndex, ScannedDayTotals, dayTotalsOf, type DayTotal, type DayTotals } from '../../server/ledger/day-totals';
import type { Store } from '../../server/store/store';

const canonical = (days: readonly DayTotal[]) =>
  JSON.stringify(
    [...days]
      .map((d) => ({ ...d, reflections: [...d.reflections].sort((a, b) => a[0] - b[0]) }))
      .sort((a, b) => `${a.kind}${a.stage}${a.date}`.localeCompare(`${b.kind}${b.stage}${b.date}`)),
  );

const KINDS: { name: string; make: (store: Store) => DayTotals }[] = [
  { name: 'kept from the change log (embedded store)', make: (store) => new DayTotalsIndex(store) },
  { name: 'scanned per question (PostgreSQL)', make: (store) => new ScannedDayTotals(store) },
];

describe.each(KINDS)('day totals $name', ({ make }) => {
  it('equal the totals made from scratch after any sequence of creates, edits, deletes, kind changes and campaign moves', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-days-'));
    const store = await openFileStore(dir);
    try {
      const index = make(store);
      const rng = new Rng(7);
      const owners = ['u-1', 'u-2'];
      const campaigns = ['k-1', 'k-2'];
      for (let step = 0; step < 600; step++) {
        const id = `r-${rng.int(60)}`;
        const kind = rng.pick(['study', 'talk', 'opinion']);
        const existing = await store.get('records', id);
        const ownerId = existing?.ownerId ?? rng.pick(owners);
        const campaignId = rng.chance(0.1) || !existing ? rng.pick(campaigns) : existing.campaignId;
        const fields = {
          campaignId,
          kind,
          stage: rng.pick(['', 's1', 's2']),
          studiedOn: `2025-0${1 + rng.int(3)}-1${rng.int(3)}`,
          talkedOn: `2025-0${1 + rng.int(3)}-2${rng.int(3)}`,
          minutes: 10 * (1 + rng.int(6)),
          reflection: rng.chance(0.5) ? '心得'.repeat(rng.int(4)) : null,
          deleted: rng.chance(0.15),
        };
        await store.transact((tx) => tx.put('records', { id, ownerId, campaignId, fields, stamps: {}, createdAt: '', updatedAt: '' }));
        if (step % 50 === 49) {
          const all = await store.find('records');
          for (const c of campaigns) {
            const expected = dayTotalsOf(all.filter((r) => r.campaignId === c));
            for (const o of owners) expect(canonical(await index.of(o, c)), `${o} ${c} at ${step}`).toBe(canonical(expected.get(o) ?? []));
            const everyone = await index.ofCampaign(c);
            for (const o of owners) expect(canonical(everyone.get(o) ?? []), `${o} in ${c} at ${step}`).toBe(canonical(expected.get(o) ?? []));
          }
        }
      }
    } finally {
      await store.close({ compact: false });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
