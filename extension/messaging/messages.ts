/**
 * Messages between the extension's parts. The background is the only writer of records and the
 * outbox; the content script owns the page; the sidebar (an extension page in an iframe) asks the
 * background for records, sync and tasks, and talks to the content script of its page directly over
 * the page port (a MessageChannel the launcher hands it with its ticket) for the page's context.
 */
import type { Campaign } from '../../shared/model/campaign';
import type { EvidenceFile } from '../../shared/model/evidence-rules';
import type { PageContext, TextQuoteSelector } from '../../shared/model/page';
import type { RecordKind } from '../../shared/model/record';
import type { SiteRule, SiteRuleField } from '../../shared/model/site-rule-shape';
import type { PickResult } from '../page/on-demand';
import type { User } from '../../shared/model/user';
import type { TasksReply } from '../../shared/model/my-tasks';
import type { SyncState } from '../sync/engine';
import type { LocalItem, LocalRecord } from '../sync/local-store';

/** Background → content script (top frame of a tab). */
export type ContentMessage = { type: 'sidebar:toggle' } | { type: 'sidebar:open'; kind?: RecordKind } | { type: 'highlights:refresh' };

/** What connecting with a server and token answers (background/account-connect.ts). */
export type ConnectResult =
  | { connected: true; user: User; campaigns: Campaign[]; startedOver: boolean }
  /** Nothing changed: the store holds `pending` unsynced changes of another user or server. */
  | { connected: false; pending: number; previousServer: string; previousUser: string | null };

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
  /**
   * Launcher → background: run the page readers in its frame (page/on-demand.ts); answers, once they
   * are there, with the rules taught for the page's site (the user's own first, then the campaigns').
   */
  'page:reader': { message: { url: string }; reply: SiteRule[]; from: 'launcher' };
  /** Sidebar → background: keep a rule the user taught on this device (one per site and field). */
  'siteRule:save': { message: { rule: SiteRule }; reply: null; from: 'extension' };
  /** Sidebar → background: offer a taught rule to a campaign (the office shares it, or it is shared at once for the office itself). */
  'siteRule:share': { message: { campaignId: string; rule: SiteRule }; reply: { state: 'shared' | 'proposed' }; from: 'extension' };
  /** Sidebar → background: forget the user's own rule for a site's field. */
  'siteRule:forget': { message: { site: string; field: SiteRuleField }; reply: null; from: 'extension' };
  /**
   * Sidebar → background, first thing on load: redeems the ticket the launcher posted to it (TICKET_MESSAGE).
   * Until this succeeds the sidebar shows nothing and reads nothing from the page port that came with the ticket.
   */
  'sidebar:hello': { message: { ticket: string }; reply: null; from: 'sidebar' };
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
  /** Sidebar → background: the 佐证材料 files of one of my items (the sidebar holds no token; the background asks the server). */
  'evidence:list': { message: { campaignId: string; itemId: string }; reply: EvidenceFile[]; from: 'extension' };
  /** Sidebar → background: upload one file (its bytes base64, at most 20 MB) to one of my items. */
  'evidence:upload': { message: { campaignId: string; itemId: string; name: string; base64: string }; reply: EvidenceFile; from: 'extension' };
}
export type BackgroundRequestType = keyof BackgroundRequests;
export type BackgroundRequest<K extends BackgroundRequestType> = { type: K } & BackgroundRequests[K]['message'];
export type BackgroundMessage = { [K in BackgroundRequestType]: BackgroundRequest<K> }[BackgroundRequestType];
export type BackgroundReply<K extends BackgroundRequestType> = BackgroundRequests[K]['reply'];

/** Every reply carries ok, and on failure a Chinese message (and the field, for validation). */
export type Reply<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

/**
 * Launcher → its sidebar frame, once the frame has loaded: `{ type, ticket }` with the sidebar's end of
 * the page port as the one transferred port (window.postMessage to the extension's origin only).
 */
export const TICKET_MESSAGE = 'taizhang:ticket';

/**
 * Launcher → its sidebar frame, once loaded: `{ type }` alone, "your ticket is coming" (a frame loaded
 * ahead of any open gets it when shown; otherwise once the background answers, which may take a few
 * tries), so the frame waits for it instead of refusing after a few seconds. Anyone on the page can
 * post this too; it only keeps a frame the page made blank for longer.
 */
export const HOLD_MESSAGE = 'taizhang:hold';

/**
 * Launcher → its sidebar frame: `{ type }` alone, "no ticket could be had" (the background did not
 * answer after several tries), so the frame says so instead of waiting blank. Anyone on the page can
 * post this too; it only makes a frame refuse, which the page could do by removing it.
 */
export const NO_TICKET_MESSAGE = 'taizhang:no-ticket';

/**
 * Sidebar → content script over the page port: each request with its reply, in the spirit of
 * `BackgroundRequests`. The sidebar sends them (`PageLink.request`, sidebar/page-link.ts) only after
 * the background confirmed the ticket that came with the port; the content script's handler map
 * (`SidebarLink`, content/sidebar-link.ts) has one handler per entry, typed by it.
 */
export interface PagePortRequests {
  /** The page as it is now: title, 文号, date, issuer, and the passage last selected. */
  'context:get': { message: object; reply: PageContext };
  /** Esc or × in the sidebar: the dock closes and the page gets its room back. */
  'sidebar:close': { message: object; reply: null };
  /** 从页面选取: pick mode on the page for `field`; what the click taught comes back as a `picked` event. */
  'pick:start': { message: { field: SiteRuleField }; reply: null };
  /** Ends pick mode with nothing (Esc in the sidebar, or another field chosen). */
  'pick:cancel': { message: object; reply: null };
}
export type PagePortRequestType = keyof PagePortRequests;
export type PagePortRequest<K extends PagePortRequestType> = { type: K } & PagePortRequests[K]['message'];
export type PagePortReply<K extends PagePortRequestType> = PagePortRequests[K]['reply'];

/** Content script → sidebar over the page port, pushed when they happen (no reply, no polling). */
export type PagePortEvent =
  /** The sidebar was shown again (toolbar, shortcut, context menu), with the form to open and the page now. */
  | { type: 'show'; kind?: RecordKind; context: PageContext }
  /** The page changed while open: hash or history navigation, or a new selection. */
  | { type: 'context:changed'; context: PageContext }
  /** Pick mode ended: the rule learnt (already in use on this page) or why there is none; null = cancelled. */
  | { type: 'picked'; field: SiteRuleField; result: PickResult | null };

/** What the sidebar posts on the page port. */
export type SidebarToPage = { id: number; request: { [K in PagePortRequestType]: PagePortRequest<K> }[PagePortRequestType] };
/** What the content script posts on the page port: a reply to request `id`, or an event. */
export type PageToSidebar = { id: number; reply: Reply<unknown> } | { event: PagePortEvent };
