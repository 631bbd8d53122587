/** Every list change leaves an audit entry written in the same transaction as the change. */
import { newId } from '../store/new-id';
import type { Transaction } from '../store/store';

export interface AuditEntry {
  actorId: string;
  campaignId: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(tx: Transaction, entry: AuditEntry, at: string): Promise<void> {
  await tx.put('audit', { id: newId('a'), at, ...entry });
}
