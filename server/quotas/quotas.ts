/**
 * How much one member may store, and one campaign may hold. The embedded store keeps everything
 * in memory, so without these one member could fill the heap and stop the service for everyone
 * (and keep stopping it at every restart). Set by environment variables (config.ts); the defaults
 * are sized for a campus: a cadre writes hundreds of records in a campaign, not tens of thousands.
 *
 * Limits stop growth only: a store already over a limit (a limit lowered later) still opens and
 * serves, and edits that do not make anything larger (a delete, a shorter text) still go through.
 */
import type { FileDoc, RecordDoc, Transaction, UserDoc } from '../store/store';
import { utf8Length } from '../../shared/json-bounds';
import { RECORD_FIELD_SCHEMAS } from '../../shared/model/record';
import type { RejectedMutation } from '../../shared/sync/protocol';

export interface Quotas {
  /** One record as stored (all its fields, stamps and bookkeeping), in bytes of JSON. */
  recordBytes: number;
  /** All unknown fields of one record together (fields a newer extension added). */
  unknownFieldBytes: number;
  /** Records one person may own (deleted ones count: nothing is ever erased). */
  userRecords: number;
  /** Bytes one member's records and the audit entries of their own task updates may take. */
  userBytes: number;
  /** Extension installs (sync clients) one person may use. */
  userClients: number;
  campaignRecords: number;
  campaignBytes: number;
  /**
   * Bytes of evidence files one member may upload (kept on disk, not in memory; deleted files count).
   * Optional so quotas written before files keep type-checking; absent means the default.
   */
  userFileBytes?: number;
  /** Bytes of evidence files one campaign may hold (absent: the default). */
  campaignFileBytes?: number;
}

export const DEFAULT_QUOTAS: Required<Quotas> = {
  recordBytes: 256 * 1024,
  unknownFieldBytes: 32 * 1024,
  userRecords: 20_000,
  userBytes: 50 * 1024 * 1024,
  userClients: 50,
  campaignRecords: 200_000,
  campaignBytes: 300 * 1024 * 1024,
  userFileBytes: 200 * 1024 * 1024,
  campaignFileBytes: 10 * 1024 * 1024 * 1024,
};

/** The environment variable of each quota, for config.ts and the README. */
export const QUOTA_ENV: Record<keyof Quotas, string> = {
  recordBytes: 'QUOTA_RECORD_BYTES',
  unknownFieldBytes: 'QUOTA_UNKNOWN_FIELD_BYTES',
  userRecords: 'QUOTA_USER_RECORDS',
  userBytes: 'QUOTA_USER_BYTES',
  userClients: 'QUOTA_USER_CLIENTS',
  campaignRecords: 'QUOTA_CAMPAIGN_RECORDS',
  campaignBytes: 'QUOTA_CAMPAIGN_BYTES',
  userFileBytes: 'QUOTA_USER_FILE_BYTES',
  campaignFileBytes: 'QUOTA_CAMPAIGN_FILE_BYTES',
};

export type QuotaProblem = Omit<RejectedMutation, 'id'>;

const mb = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.round(bytes / 1024)} KB`;

/** Bytes the record would take as stored: the same measure the store tallies. */
export const storedBytes = (doc: unknown): number => utf8Length(JSON.stringify(doc));

function unknownFieldBytes(fields: Record<string, unknown>): number {
  let n = 0;
  for (const [name, value] of Object.entries(fields))
    if (!Object.hasOwn(RECORD_FIELD_SCHEMAS, name)) n += utf8Length(name) + utf8Length(JSON.stringify(value) ?? '');
  return n;
}

/**
 * Whether a record write may be stored: the record's own size and unknown fields, then the owner's
 * and the campaign's totals (as tallied by the store, this transaction's earlier writes included).
 */
export async function recordQuotaProblem(
  tx: Transaction,
  quotas: Quotas,
  user: UserDoc,
  before: RecordDoc | undefined,
  after: Omit<RecordDoc, 'seq'>,
  changedFields: readonly string[],
): Promise<QuotaProblem | null> {
  // The largest seq stands in for the one the store will assign, so the estimate is never below the stored size.
  const newBytes = storedBytes({ ...after, seq: Number.MAX_SAFE_INTEGER });
  const oldBytes = before ? storedBytes(before) : 0;
  // Deleting is always allowed, even over a limit: the tombstone is a few bytes, and refusing it
  // would leave the user unable to take back what they wrote. Only the delete itself, though: any
  // other field written along with it, or into a deleted record, is growth like any other.
  if (before && after.fields.deleted === true && changedFields.every((f) => f === 'deleted')) return null;
  const grows = newBytes > oldBytes;
  if (grows && newBytes > quotas.recordBytes) {
    return { code: 'too_large', message: `这条记录过大（${mb(newBytes)}，上限 ${mb(quotas.recordBytes)}），请删减后再保存`, field: 'fields' };
  }
  const unknown = unknownFieldBytes(after.fields);
  if (unknown > quotas.unknownFieldBytes && unknown > (before ? unknownFieldBytes(before.fields) : 0)) {
    return { code: 'too_large', message: `这条记录的扩展字段过大（上限 ${mb(quotas.unknownFieldBytes)}）`, field: 'fields' };
  }
  const full = '已达到存储上限，新的记录无法保存。请联系活动办公室（管理员可调整配额）';
  if (!before) {
    const mine = await tx.tally('records', { ownerId: user.id });
    if (mine.count + 1 > quotas.userRecords) return { code: 'quota_exceeded', message: `你的记录数${full}（上限 ${quotas.userRecords} 条）` };
  }
  if (user.role !== 'admin' && grows) {
    const usage = await memberUsage(tx, user);
    if (usage + newBytes - oldBytes > quotas.userBytes) return { code: 'quota_exceeded', message: `你的存储量${full}（上限 ${mb(quotas.userBytes)}）` };
  }
  const movesIn = !before || before.campaignId !== after.campaignId;
  if (movesIn || grows) {
    const campaign = await tx.tally('records', { campaignId: after.campaignId });
    if (movesIn && campaign.count + 1 > quotas.campaignRecords)
      return { code: 'quota_exceeded', message: `该活动的记录数${full}（上限 ${quotas.campaignRecords} 条）` };
    const added = movesIn ? newBytes : newBytes - oldBytes;
    if (campaign.bytes + added > quotas.campaignBytes) return { code: 'quota_exceeded', message: `该活动的存储量${full}（上限 ${mb(quotas.campaignBytes)}）` };
  }
  return null;
}

/** What a member's own writes take: their records and the audit trail of their task updates. */
async function memberUsage(tx: Transaction, user: UserDoc): Promise<number> {
  const [records, audit] = await Promise.all([tx.tally('records', { ownerId: user.id }), tx.tally('audit', { actorId: user.id })]);
  return records.bytes + audit.bytes;
}

/** Whether a member's task update, adding about `addedBytes` to the audit trail, fits their quota. */
export async function memberBudgetProblem(tx: Transaction, quotas: Quotas, user: UserDoc, addedBytes: number): Promise<QuotaProblem | null> {
  if (user.role === 'admin') return null;
  if ((await memberUsage(tx, user)) + addedBytes > quotas.userBytes) {
    return { code: 'quota_exceeded', message: `你的存储量已达到上限（${mb(quotas.userBytes)}），更新无法保存。请联系活动办公室` };
  }
  return null;
}

/** Whether the user may start syncing from one more extension install. */
export async function clientQuotaProblem(tx: Transaction, quotas: Quotas, user: UserDoc): Promise<QuotaProblem | null> {
  const clients = await tx.tally('clients', { userId: user.id });
  if (clients.count + 1 > quotas.userClients) {
    return { code: 'quota_exceeded', message: `该账号连接的浏览器过多（上限 ${quotas.userClients} 个），请联系活动办公室` };
  }
  return null;
}

/**
 * Bytes of evidence files, each content counted once (the store keeps the same bytes once).
 * Deleted files count, as deleted records do: their bytes stay on disk for the audit trail.
 */
export function fileBytes(files: readonly Pick<FileDoc, 'sha256' | 'size'>[]): number {
  const seen = new Map<string, number>();
  for (const f of files) seen.set(f.sha256, f.size);
  let n = 0;
  for (const size of seen.values()) n += size;
  return n;
}

/**
 * Whether one more evidence file (`sha256`, `size` bytes) fits the uploader's file quota (members
 * only; the office's own uploads count toward the campaign alone) and the campaign's. Bytes the
 * uploader, or the campaign, already holds cost nothing again.
 */
export async function fileQuotaProblem(
  tx: Pick<Transaction, 'find'>,
  quotas: Quotas,
  user: UserDoc,
  campaignId: string,
  file: Pick<FileDoc, 'sha256' | 'size'>,
): Promise<QuotaProblem | null> {
  const userLimit = quotas.userFileBytes ?? DEFAULT_QUOTAS.userFileBytes;
  const campaignLimit = quotas.campaignFileBytes ?? DEFAULT_QUOTAS.campaignFileBytes;
  if (user.role !== 'admin') {
    const mine = await tx.find('files', { uploadedBy: user.id });
    if (fileBytes([...mine, file]) > userLimit) {
      return {
        code: 'quota_exceeded',
        message: `你上传的佐证材料已达到存储上限（${mb(userLimit)}，已用 ${mb(fileBytes(mine))}），这个文件无法保存。请联系活动办公室`,
      };
    }
  }
  const campaign = await tx.find('files', { campaignId });
  if (fileBytes([...campaign, file]) > campaignLimit) {
    return { code: 'quota_exceeded', message: `该活动的佐证材料已达到存储上限（${mb(campaignLimit)}），这个文件无法保存。请联系活动办公室` };
  }
  return null;
}
