/** Typed reads of a stored record's per-field map (fields arrive as unknown from sync). */
import type { RecordDoc } from '../store/store';

export const textField = (r: RecordDoc, name: string): string => {
  const v = r.fields[name];
  return typeof v === 'string' ? v : '';
};

export const numberField = (r: RecordDoc, name: string): number => {
  const v = r.fields[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

export function liveOfKind(records: readonly RecordDoc[], kind: 'opinion' | 'study' | 'talk'): RecordDoc[] {
  return records.filter((r) => r.fields.kind === kind && r.fields.deleted !== true);
}

/** Inclusive YYYY-MM-DD range; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

export function inRange(date: string, range: DateRange = {}): boolean {
  if (!date) return !range.from && !range.to;
  return (!range.from || date >= range.from) && (!range.to || date <= range.to);
}

/** Calendar quarter (1–4) of a YYYY-MM-DD date. */
export function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
}

/** Characters of a reflection, not counting whitespace: how 心得体会 word counts are reckoned. */
export function reflectionLength(text: string): number {
  return text.replace(/\s+/g, '').length;
}

/** Records by owner, in one pass (a ledger then costs one walk over the records, not one per person). */
export function byOwner(records: readonly RecordDoc[]): Map<string, RecordDoc[]> {
  const out = new Map<string, RecordDoc[]>();
  for (const r of records) {
    const mine = out.get(r.ownerId);
    if (mine) mine.push(r);
    else out.set(r.ownerId, [r]);
  }
  return out;
}

/** The campaign's members among `users`, in the users' order. */
export function membersOf<U extends { id: string }>(memberIds: readonly string[], users: readonly U[]): U[] {
  const ids = new Set(memberIds);
  return users.filter((u) => ids.has(u.id));
}
