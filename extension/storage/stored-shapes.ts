/**
 * The shapes of the values the extension keeps in browser storage (keys.ts says under which key).
 * They are the on-disk format: what an older version wrote is read back with them, so a change here
 * must still read the old shape. They live at the bottom of the extension, below the modules that
 * write them (sync/, settings/, background/), so storage never has to import its users.
 */
import type { Campaign } from '../../shared/model/campaign';
import type { User } from '../../shared/model/user';
import type { Cursor, Mutation } from '../../shared/sync/protocol';

/** Server address and token, as the options page saved them. */
export interface Settings {
  serverUrl: string;
  token: string;
}

/** The last `/me` answer. */
export interface MeCache {
  user: User;
  campaigns: Campaign[];
  /** The server's TZ_NAME (servers before it was sent leave it out: then the default zone). */
  timeZone?: string;
  fetchedAt: number;
}

/**
 * Whose data the local store holds: the server (origin) and the user `/me` named when the store
 * was bound, plus a hash of the token it was bound with (see sync/owner.ts).
 */
export interface StoreOwner {
  /** Server origin, e.g. `https://taizhang.example.edu.cn`. */
  server: string;
  userId: string;
  /** SHA-256 of the token, hex: the sync runner checks the saved token is still the bound one. */
  tokenHash: string;
}

/** The local store's sync bookkeeping (sync/store/journal.ts). */
export interface SyncMeta {
  clientId: string;
  nextMutationId: number;
  cursor: Cursor | null;
  lastHlc: string | null;
  /** Whose data this is; absent in stores from before it was recorded. */
  owner?: StoreOwner;
}

/** A change not yet acknowledged by the server (sync protocol v1). */
export type OutboxMutation = Mutation & { entity: 'record' | 'item' };

/** The server's refusal of a write (protocol v1 `rejected`), kept per record or item until a later write is accepted. */
export interface Rejection {
  mutationId: number;
  entity: string;
  entityId: string;
  code: string;
  message: string;
  field?: string;
  at: number;
}

export interface LocalRecord {
  id: string;
  /** What the server last said (empty until the first pull that includes it). */
  base: Record<string, unknown>;
  /** `base` with this client's pending writes replayed: what the user sees. */
  fields: Record<string, unknown>;
  /** Local wall time of the last change, for sorting. */
  updatedAt: number;
}

/** A task item (problem, rectification) assigned to me, with my pending progress on top. */
export interface LocalItem {
  id: string;
  base: Record<string, unknown>;
  fields: Record<string, unknown>;
}

export type SyncStatus = 'synced' | 'pending' | 'offline' | 'error';

/** What the last sync did, as the background publishes it for the badge and the sidebar. */
export interface SyncState {
  status: SyncStatus;
  /** Mutations still waiting for the server. */
  pending: number;
  /** Why the last attempt failed, in Chinese, for `offline` and `error`. */
  reason?: string;
  lastSyncedAt?: number;
  /** Milliseconds until the next attempt, when one is scheduled. */
  retryInMs?: number;
}

/** Which sidebar frames the extension opened (background/sidebar-grants.ts). */
export interface SidebarGrants {
  /** Unused tickets: ticket → the tab it was issued for and when it lapses. */
  tickets: Record<string, { tabId: number; expiresAt: number }>;
  /** Frames that redeemed a ticket, as `tabId:frameId`. */
  frames: string[];
}

/** Unsaved form input for one kind of record on one page. */
export interface Draft {
  values: Record<string, string>;
  quote: string;
  savedAt: number;
}

/**
 * What the capture forms carry from one save to the next (sidebar/form-memory.ts): the fields a
 * meeting's opinions share, and per OA site the campaign and stage last chosen there.
 */
export interface FormMemory {
  /** The opinion fields kept after a save (`heardOn`, `channel`, `fromGroup`, `category`), good on the day `keptOn` only. */
  opinion?: { keptOn: string; values: Record<string, string> };
  /** By site origin (`https://oa.example.edu.cn`): the campaign and stage chosen there; null = chosen by date. */
  sites: Record<string, { campaignId: string | null; stage: string | null }>;
}

/** A value cached for one user on one server (`ownerKey`), read back only for the same owner. */
export interface OwnedValue<T> {
  owner: string;
  value: T;
}
