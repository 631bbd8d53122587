/**
 * Messages between the extension's parts. The background is the only writer of records and the
 * outbox; the content script owns the page; the sidebar (an extension page in an iframe) asks
 * the background for everything, including the page context of the tab it sits in.
 */
import type { Campaign } from '../../shared/model/campaign';
import type { PageContext, TextQuoteSelector } from '../../shared/model/page';
import type { RecordKind } from '../../shared/model/record';
import type { User } from '../../shared/model/user';
import type { ConnectResult } from '../background/account-connect';
import type { TasksReply } from '../../shared/model/my-tasks';
import type { SyncState } from '../sync/engine';
import type { LocalItem, LocalRecord } from '../sync/local-store';

/** Background → content script (top frame of a tab). */
export type ContentMessage =
  | { type: 'sidebar:toggle' }
  | { type: 'sidebar:open'; kind?: RecordKind }
  | { type: 'sidebar:close' }
  | { type: 'context:read' }
  | { type: 'highlights:refresh' };

/**
 * Sidebar, options page and launcher → background: each request with what it carries, what it
 * answers, and who may send it. This map is the contract: the background's handler map
 * (background/router.ts) must have one handler per entry, typed by it, and `ask` (sidebar/background-client.ts)
 * returns the entry's reply type, so no call site guesses. `from` is checked before dispatch:
 * - `launcher`: the content script in a web page's top frame;
 * - `sidebar`: the sidebar frame, after it redeemed the ticket the launcher gave it;
 * - `options`: the extension's options page;
 * - `extension`: any of our own pages or the sidebar (a sidebar frame still needs its ticket).
 */
export interface BackgroundRequests {
  /** Launcher → background: a one-time ticket for the sidebar iframe it is about to create. */
  'sidebar:ticket': { message: object; reply: string; from: 'launcher' };
  /** Sidebar → background, first thing on load: redeems the ticket the launcher posted to it (TICKET_MESSAGE). */
  'sidebar:hello': { message: { ticket: string }; reply: null; from: 'sidebar' };
  'context:get': { message: object; reply: PageContext; from: 'sidebar' };
  'sidebar:close': { message: object; reply: null; from: 'extension' };
  /** Launcher → background: the sidebar was shown (with the form to open); told to the sidebar, and a sync is started. */
  'sidebar:shown': { message: { kind?: RecordKind }; reply: null; from: 'any' };
  /** Launcher → background: the page changed (navigation on a hash-routed OA app); told to the sidebar. */
  'context:changed': { message: object; reply: null; from: 'any' };
  'record:save': { message: { id: string | null; fields: Record<string, unknown> }; reply: LocalRecord; from: 'extension' };
  'record:delete': { message: { id: string }; reply: LocalRecord; from: 'extension' };
  'item:update': { message: { id: string; fields: Record<string, unknown> }; reply: LocalItem; from: 'extension' };
  'sync:now': { message: object; reply: SyncState; from: 'extension' };
  'me:refresh': { message: object; reply: { user: User; campaigns: Campaign[] }; from: 'extension' };
  /** Options page → background: connect with this server and token (see background/account-connect.ts). */
  'account:connect': { message: { serverUrl: string; token: string; discardPending: boolean }; reply: ConnectResult; from: 'options' };
  'tasks:get': { message: object; reply: TasksReply; from: 'extension' };
  'sites:apply': { message: object; reply: string[]; from: 'extension' };
  /** Launcher → background: quotes of my records on this page, for highlighting. */
  'page:quotes': { message: { url: string }; reply: TextQuoteSelector[]; from: 'any' };
  'open:source': { message: { url: string }; reply: null; from: 'extension' };
}
export type BackgroundRequestType = keyof BackgroundRequests;
export type BackgroundRequest<K extends BackgroundRequestType> = { type: K } & BackgroundRequests[K]['message'];
export type BackgroundMessage = { [K in BackgroundRequestType]: BackgroundRequest<K> }[BackgroundRequestType];
export type BackgroundReply<K extends BackgroundRequestType> = BackgroundRequests[K]['reply'];

/** Background → sidebar over its port. */
export type SidebarEvent = { type: 'show'; kind?: RecordKind } | { type: 'context:changed' } | { type: 'records:changed' };

/** Every reply carries ok, and on failure a Chinese message (and the field, for validation). */
export type Reply<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

export const SIDEBAR_PORT = 'taizhang-sidebar';

/** Launcher → its sidebar frame (window.postMessage to the extension origin): `{ type, ticket }`. */
export const TICKET_MESSAGE = 'taizhang:ticket';
