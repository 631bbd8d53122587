/**
 * The outbox: mutations not yet acknowledged by the server, in id order (sync protocol v1).
 * Pure functions; the local store persists the array together with the records it changes.
 */
import type { OutboxMutation } from '../storage/stored-shapes';

export type { OutboxMutation } from '../storage/stored-shapes';

/** Drops what the server has processed (`id <= lastMutationID`, rejected ones included). */
export function acknowledge(outbox: readonly OutboxMutation[], lastMutationID: number): OutboxMutation[] {
  return outbox.filter((m) => m.id > lastMutationID);
}

/**
 * Renumbers pending mutations to follow `lastMutationID` without gaps. Needed when the server's
 * count for this client fell behind ours (a restored backup), because the server stops at a gap.
 */
export function renumber(outbox: readonly OutboxMutation[], lastMutationID: number): OutboxMutation[] {
  return outbox.map((m, i) => ({ ...m, id: lastMutationID + 1 + i }));
}

/** True when the server would stop at a gap before our first pending mutation. */
export function hasGap(outbox: readonly OutboxMutation[], lastMutationID: number): boolean {
  const first = outbox[0];
  return first !== undefined && first.id > lastMutationID + 1;
}

/** A server snapshot of an entity with this client's pending writes replayed on top (Replicache's rebase). */
export function overlay(
  base: Record<string, unknown>,
  outbox: readonly OutboxMutation[],
  entity: OutboxMutation['entity'],
  entityId: string,
): Record<string, unknown> {
  const view = { ...base };
  for (const m of outbox) if (m.entity === entity && m.entityId === entityId) Object.assign(view, m.fields);
  return view;
}

/** Fields of `next` that differ from `prev` (deep enough for the flat values and page objects records hold). */
export function changedFields(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) if (JSON.stringify(prev[k]) !== JSON.stringify(v)) out[k] = v;
  return out;
}
