/**
 * The store behind the server: a few document collections, a store-wide change counter (`seq`)
 * that sync pulls page through, and durable transactions.
 *
 * Everything is async and collection-shaped on purpose: the embedded lowdb implementation keeps
 * the documents in memory and a write-ahead log on disk, and the PostgreSQL implementation
 * (postgres/) has one table per collection (json doc, seq column, the indexed fields as columns);
 * no caller knows which one it runs on.
 */
import type { Campaign, ReminderWebhookKind } from '../../shared/model/campaign';
import type { SiteRule } from '../../shared/model/site-rule-shape';
import type { EvidenceFile } from '../../shared/model/evidence-rules';
import type { ListItem } from '../../shared/model/list-item';
import type { StoredRecord } from '../../shared/model/record';
import type { User } from '../../shared/model/user';
import type { Readable } from 'node:stream';

/** Every stored document has an id and the store `seq` of its last change. */
export interface Doc {
  id: string;
  seq: number;
}

export interface UserDoc extends User, Doc {
  createdAt: string;
  disabledAt?: string | null;
}

/** A bearer token, kept only as its sha-256 hash (hex); `id` is the hash itself. */
export interface TokenDoc extends Doc {
  userId: string;
  createdAt: string;
  revokedAt: string | null;
  label?: string;
}

/** One extension install: bound to the user who first pushed with it. */
export interface ClientDoc extends Doc {
  userId: string;
  lastMutationID: number;
  createdAt: string;
  lastSeenAt: string;
}

export interface CampaignDoc extends Campaign, Doc {
  /** Users taken off the members, so their next pull learns they lost it (absent on older docs = none). */
  formerMemberIds?: string[];
  /**
   * Site rules members taught and proposed, waiting for the office to share or reject them
   * (campaigns/site-rules.ts; absent = none). Only the office sees them: pull, /me and
   * GET /campaigns leave them out for everyone else.
   */
  siteRuleProposals?: SiteRule[];
}

export interface RecordDoc extends StoredRecord, Doc {
  /** Mirror of `fields.campaignId`, kept by sync push so records can be indexed by campaign. */
  campaignId: string;
}

/** A list item (problem / task / effect) with per-field stamps for assignee edits via sync. */
export interface ItemDoc extends ListItem, Doc {
  stamps?: Record<string, string>;
  /** Users it was assigned to before, so their next pull learns it was reassigned (absent on older docs = none). */
  formerAssigneeIds?: string[];
}

/**
 * An office decision about opinion grouping that must survive re-grouping: a manual merge
 * (records pinned together), split (a record pinned out), or rename; or, with `verdict`, the office's
 * answer about two sets of records (pinned and excluded then empty: it is no group).
 */
export interface GroupDoc extends Doc {
  campaignId: string;
  title?: string;
  category?: string;
  /** Records the office pinned into this group. */
  pinnedRecordIds: string[];
  /** Records the office removed from this group (they must not be re-attached automatically). */
  excludedRecordIds: string[];
  /**
   * 是同一问题 / 不是同一问题 (opinions/opinion-review.ts): what the campaign's grouping learns from,
   * and, for `different`, records it never puts together automatically again. In `groups` because
   * that collection is the campaign's grouping decisions, indexed by campaign, never pulled by the
   * extension (sync/pull.ts), and already a table on PostgreSQL: no new collection, no schema step.
   */
  verdict?: GroupVerdict;
  /**
   * What another campaign's grouping learnt, as an admin shared it with this one (opinions/shared-learning.ts):
   * no group either (pinned and excluded empty). One document per source campaign.
   */
  shared?: SharedLearning;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface GroupVerdict {
  answer: 'same' | 'different';
  /** What the office did: answered a suggestion, merged, or split. */
  source: 'suggestion' | 'merge' | 'split';
  /** The records of the two groups as they were when the office answered. */
  left: string[];
  right: string[];
}

export interface SharedLearning {
  fromCampaignId: string;
  /** The source's title when it was shared (it may be renamed or archived later). */
  fromTitle: string;
  /** How many of the source's answers the weights were learnt from. */
  verdicts: number;
  /** [term, weight] as shared/grouping/learning.ts learnt them, sorted by term. */
  weights: Array<[string, number]>;
  /** Taken back by an admin: the document stays, the grouping no longer uses it. */
  withdrawn?: boolean;
}

/** Append-only audit trail: who changed what and when. Never updated, never removed. */
export interface AuditDoc extends Doc {
  at: string;
  actorId: string;
  campaignId?: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Why, when the rules ask for one (撤销销号, editing a closed item). */
  reason?: string;
}

/**
 * A console sign-in session. `id` is the sha-256 (hex) of the random id in the cookie, so a copy
 * of the data directory cannot be used to sign in. Ended sessions keep their document with
 * `endedAt` set (the store never deletes).
 */
export interface SessionDoc extends Doc {
  userId: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
}

/**
 * A file of 佐证材料 (evidence) on a list item: its metadata here, its bytes in the store's blobs
 * under `sha256` (content-addressed: the same bytes uploaded twice are stored once). Deleting sets
 * `deletedAt` (the store never deletes; the bytes stay for the audit trail).
 */
export interface FileDoc extends Doc, EvidenceFile {
  deletedAt?: string | null;
  deletedBy?: string | null;
}

/**
 * A campaign's 群机器人 reminders (server/reminders/): the robot, the hour, the day last claimed for
 * sending and how the last send went. `id` is the campaign id. Kept apart from the campaign so the
 * webhook and its secret never travel with the campaign (sync pull, GET /campaigns, the audit log).
 */
export interface ReminderDoc extends Doc {
  campaignId: string;
  webhook: { kind: ReminderWebhookKind; url: string; secret?: string } | null;
  /** The hour (0–23, deployment zone) the digest goes out; null = the default (8). */
  hour: number | null;
  /** The deployment-zone day (YYYY-MM-DD) whose digest was claimed, before sending: at most one per day. */
  lastSentDay: string | null;
  lastSend: ReminderSendRecord | null;
  updatedAt: string;
}

/** How one scheduled send went, shown by GET /campaigns/:id/reminders. */
export interface ReminderSendRecord {
  /** When the last attempt ended (UTC ISO). */
  at: string;
  day: string;
  ok: boolean;
  attempts: number;
  /** Why it failed, in Chinese (HTTP status, robot errcode/errmsg, timeout); absent when ok. */
  error?: string;
}

/**
 * What the deployment itself keeps, one document per concern (server/extension-dist/): the extension's
 * signing key (`extension-signing-key`) and the version numbers its packages were given
 * (`extension-versions`). In the store rather than beside it so that every server on one database signs
 * with one key (the extension id derives from it) and a backup carries it. Never pulled, never served.
 */
export interface DeploymentDoc extends Doc {
  /** Read back through the owner's own schema (zod), not trusted as typed. */
  value: unknown;
  updatedAt: string;
}

/** The disk refused a write (full, failing): nothing of the transaction was kept; try again later. */
export class StoreUnavailableError extends Error {
  constructor(override readonly cause: Error) {
    super(`存储暂时无法写入：${cause.message}`);
    this.name = 'StoreUnavailableError';
  }
}

export interface Collections {
  users: UserDoc;
  tokens: TokenDoc;
  clients: ClientDoc;
  campaigns: CampaignDoc;
  records: RecordDoc;
  items: ItemDoc;
  groups: GroupDoc;
  audit: AuditDoc;
  sessions: SessionDoc;
  files: FileDoc;
  reminders: ReminderDoc;
  deployment: DeploymentDoc;
}
export type CollectionName = keyof Collections;

/** Fields a store must be able to look documents up by without a scan. */
export const INDEXES = {
  users: [],
  tokens: ['userId'],
  clients: ['userId'],
  campaigns: [],
  records: ['ownerId', 'campaignId'],
  items: ['campaignId', 'assigneeId'],
  groups: ['campaignId'],
  // By actor too: what a member's own updates add to the trail counts toward their quota.
  audit: ['campaignId', 'actorId'],
  sessions: ['userId'],
  // Absent from stores written before evidence files: a missing collection loads as empty (open.ts).
  files: ['campaignId', 'itemId', 'uploadedBy'],
  // One per campaign (id = campaign id); absent from older stores, which load it as empty (open.ts).
  reminders: [],
  // Absent from older stores too, which load it as empty.
  deployment: [],
} as const satisfies { [C in CollectionName]: readonly (keyof Collections[C] & string)[] };

export type IndexedField<C extends CollectionName> = (typeof INDEXES)[C][number];
export type Where<C extends CollectionName> = Partial<Record<IndexedField<C>, string | null>>;

/** A document as written: the store assigns `seq`. */
export type NewDoc<C extends CollectionName> = Omit<Collections[C], 'seq'>;

/** How many documents match and the bytes they take as stored (UTF-8 JSON), for quotas. */
export interface Tally {
  count: number;
  bytes: number;
}

/**
 * Reads. Documents come back frozen: they are the stored state itself (no copy per read), so a
 * caller that wants to change one makes a new object (`{ ...doc, field }`) and puts it.
 */
export interface ReadView {
  get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined>;
  /** All documents of a collection, or those matching every indexed field given. */
  find<C extends CollectionName>(c: C, where?: Where<C>): Promise<Collections[C][]>;
  /** Count and bytes of the documents `find` would return; cheap for one indexed field. */
  tally<C extends CollectionName>(c: C, where?: Where<C>): Promise<Tally>;
}

export interface Transaction extends ReadView {
  /**
   * Insert or replace a document; it gets a fresh `seq` greater than every seq before it, so a
   * pull cursor past the old seq sees it again. Returns the document as stored (frozen).
   */
  put<C extends CollectionName>(c: C, doc: NewDoc<C>): Promise<Collections[C]>;
}

export interface StoreMeta {
  /** Random per store; a restored backup gets a new one so clients know to re-push. */
  epoch: string;
  /** The highest seq assigned so far. */
  seq: number;
  schemaVersion: number;
}

export interface ChangedDoc<C extends CollectionName> {
  collection: C;
  doc: Collections[C];
}

/**
 * Bytes kept by their sha-256 (hex), beside the documents: evidence files. Content-addressed, so
 * putting the same bytes twice stores them once. A blob is written durably before the document that
 * names it is committed; a blob no document names (its transaction failed) is harmless and stays.
 * PostgreSQL: a `blobs (sha256 text primary key, data bytea)` table, `INSERT … ON CONFLICT DO NOTHING`.
 */
export interface BlobStore {
  /** Stores `data` (if not already there) and answers its hash; resolves once it is durable. */
  putBlob(data: Uint8Array): Promise<{ sha256: string; size: number; existed: boolean }>;
  /** The bytes of a blob as a stream, or null when the store has none with this hash. */
  getBlob(sha256: string): Promise<Readable | null>;
}

/** Documents a `scan` batch holds unless the caller asks otherwise. */
export const SCAN_BATCH = 500;

export interface ScanOptions {
  /** At most this many documents per batch (default SCAN_BATCH). */
  batchSize?: number;
}

/** A scan's batch size, refusing a scan of a whole collection (there is no index to page it by). */
export function batchSizeOf(where: Where<CollectionName>, opts: ScanOptions): number {
  if (Object.keys(where).length === 0) throw new Error('scan needs at least one indexed field');
  const size = opts.batchSize ?? SCAN_BATCH;
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`invalid scan batch size ${size}`);
  return size;
}

export interface Store extends ReadView, BlobStore {
  meta(): Promise<StoreMeta>;
  /**
   * The documents `find(c, where)` would answer, in batches, so a reader of a whole campaign (an
   * export) never holds it at once: on PostgreSQL each batch is one keyset page over the
   * `(field, ord)` index, so the process holds one batch; the embedded store holds everything in memory
   * anyway and answers its current state, a batch at a time. `where` names at least one indexed field.
   *
   * Order: the order documents were first written, as `find` by that field. Every document that matched
   * when the scan began, and still matches when its batch is read, comes exactly once, in that version
   * or a later one (a document's first-write position never changes and nothing is ever deleted, so a
   * page boundary can neither repeat nor skip one); documents first written during the scan may or may not come.
   */
  scan<C extends CollectionName>(c: C, where: Where<C>, opts?: ScanOptions): AsyncIterable<readonly Collections[C][]>;
  /**
   * Documents of the given collections changed after `afterSeq`, in seq order, at most `limit`.
   * Only changes already durable are returned, so a pull never hands out a seq a crash could undo.
   */
  changedSince<C extends CollectionName>(
    collections: readonly C[],
    afterSeq: number,
    limit: number,
    filter?: (c: ChangedDoc<C>) => boolean,
  ): Promise<ChangedDoc<C>[]>;
  /**
   * Run `fn` with exclusive write access. Its writes become visible together, and the promise
   * resolves only once they are durable on disk (concurrent transactions share one fsync).
   * If `fn` throws, nothing it wrote is kept; if the write to disk fails, nothing it wrote is kept
   * either, the promise rejects with StoreUnavailableError, and the store goes on serving.
   */
  transact<T>(fn: (tx: Transaction) => Promise<T> | T): Promise<T>;
  close(): Promise<void>;
}
