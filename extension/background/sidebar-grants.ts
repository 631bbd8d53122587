/**
 * Which sidebar frames may talk to the background. `sidebar.html` is web-accessible (it is framed
 * into OA pages), so any page could frame or open it itself — to overlay it and steal clicks. The
 * launcher asks for a one-time ticket for its own tab and posts it into the loaded iframe with the
 * page port; the sidebar redeems it before reading that port, and only the frame that redeemed it
 * (tab + frame id) is served from then on.
 * Pure: the state is kept in `storage.session` by sidebar-gate.ts.
 */
import type { SidebarGrants } from '../storage/stored-shapes';

export type { SidebarGrants } from '../storage/stored-shapes';

/** Long enough for a cold sidebar page to load on a busy machine, short enough to be of little use if read. */
export const TICKET_TTL_MS = 60_000;
const MAX_FRAMES = 200;

export const emptyGrants = (): SidebarGrants => ({ tickets: {}, frames: [] });

const frameKey = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

/**
 * A new ticket for the launcher of `tabId`. A launcher asks once per page, so whatever the tab held
 * before (tickets, granted frames) belonged to a page that is gone and is dropped.
 */
export function issueTicket(g: SidebarGrants, tabId: number, ticket: string, now: number): SidebarGrants {
  const tickets = Object.fromEntries(Object.entries(g.tickets).filter(([, t]) => t.tabId !== tabId && t.expiresAt > now));
  return {
    tickets: { ...tickets, [ticket]: { tabId, expiresAt: now + TICKET_TTL_MS } },
    frames: g.frames.filter((f) => !f.startsWith(`${tabId}:`)),
  };
}

/** Redeems `ticket` for the frame asking; succeeds once, only in the tab it was issued for, before it lapses. */
export function redeemTicket(g: SidebarGrants, ticket: string, tabId: number, frameId: number, now: number): { grants: SidebarGrants; granted: boolean } {
  const held = Object.hasOwn(g.tickets, ticket) ? g.tickets[ticket] : undefined;
  if (!held) return { grants: g, granted: false };
  const { [ticket]: _used, ...rest } = g.tickets;
  if (held.tabId !== tabId || held.expiresAt <= now) return { grants: { ...g, tickets: rest }, granted: false };
  return { grants: { tickets: rest, frames: [...g.frames, frameKey(tabId, frameId)].slice(-MAX_FRAMES) }, granted: true };
}

export function isGranted(g: SidebarGrants, tabId: number, frameId: number): boolean {
  return g.frames.includes(frameKey(tabId, frameId));
}
