/**
 * Per-field last-writer-wins by HLC (sync protocol v1, ◆ DESIGN.md). Pure: the server merges
 * pushes with it and the extension can merge pulled state over local edits the same way.
 *
 * A field takes a write only if the write's stamp is strictly newer than the field's stamp, so
 * applying the same write twice, or two writes in either order, ends in the same state.
 */
import { compareHlc } from '../hlc';
import { getOwn, setOwn } from '../own-keys';

export interface FieldState {
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
}

export interface MergeResult extends FieldState {
  /** Fields whose value this write decided. */
  changed: string[];
}

export function mergeFields(current: FieldState, write: Record<string, unknown>, stamp: string): MergeResult {
  const fields = { ...current.fields };
  const stamps = { ...current.stamps };
  const changed: string[] = [];
  for (const [name, value] of Object.entries(write)) {
    const previous = getOwn(stamps, name);
    if (previous !== undefined && compareHlc(stamp, previous) <= 0) continue;
    setOwn(fields, name, value);
    setOwn(stamps, name, stamp);
    changed.push(name);
  }
  return { fields, stamps, changed };
}

/** Merges two whole states field by field (e.g. a local copy and a pulled one). */
export function mergeStates(a: FieldState, b: FieldState): FieldState {
  const fields = { ...a.fields };
  const stamps = { ...a.stamps };
  for (const [name, stamp] of Object.entries(b.stamps)) {
    const mine = getOwn(stamps, name);
    if (mine === undefined || compareHlc(stamp, mine) > 0) {
      setOwn(fields, name, getOwn(b.fields, name));
      setOwn(stamps, name, stamp);
    }
  }
  return { fields, stamps };
}
