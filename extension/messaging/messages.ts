/**
 * Messages between the extension's parts. The background is the only writer of records and the
 * outbox; the content script owns the page; the sidebar (an extension page in an iframe) asks
 * the background for everything, including the page context of the tab it sits in.
 */
import type { RecordKind } from '../../shared/model/record';

/** Background → content script (top frame of a tab). */
export type ContentMessage =
  | { type: 'sidebar:toggle' }
  | { type: 'sidebar:open'; kind?: RecordKind }
  | { type: 'sidebar:close' }
  | { type: 'context:read' }
  | { type: 'highlights:refresh' };

/** Sidebar, options and content script → background. */
export type BackgroundMessage =
  /** Launcher → background: a one-time ticket for the sidebar iframe it is about to create. */
  | { type: 'sidebar:ticket' }
  /** Sidebar → background, first thing on load: redeems the ticket the launcher posted to it (TICKET_MESSAGE). */
  | { type: 'sidebar:hello'; ticket: string }
  | { type: 'context:get' }
  | { type: 'sidebar:close' }
  | { type: 'sidebar:shown'; kind?: RecordKind }
  | { type: 'context:changed' }
  | { type: 'record:save'; id: string | null; fields: Record<string, unknown> }
  | { type: 'record:delete'; id: string }
  | { type: 'item:update'; id: string; fields: Record<string, unknown> }
  | { type: 'sync:now' }
  | { type: 'me:refresh' }
  /** Options page → background: connect with this server and token (see background/account-connect.ts). */
  | { type: 'account:connect'; serverUrl: string; token: string; discardPending: boolean }
  | { type: 'tasks:get' }
  | { type: 'sites:apply' }
  | { type: 'page:quotes'; url: string }
  | { type: 'open:source'; url: string };

/** Background → sidebar over its port. */
export type SidebarEvent = { type: 'show'; kind?: RecordKind } | { type: 'context:changed' } | { type: 'records:changed' };

/** Every reply carries ok, and on failure a Chinese message (and the field, for validation). */
export type Reply<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

export const SIDEBAR_PORT = 'taizhang-sidebar';

/** Launcher → its sidebar frame (window.postMessage to the extension origin): `{ type, ticket }`. */
export const TICKET_MESSAGE = 'taizhang:ticket';
