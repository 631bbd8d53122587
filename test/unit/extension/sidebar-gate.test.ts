/**
 * The sidebar gate (extension/background/sidebar-gate.ts) on WXT's fake browser: tickets issued to
 * a tab's launcher, redeemed once by a frame in that tab, kept in `storage.session` so a stopped
 * service worker does not forget them, and changed one at a time so tabs never overwrite each other.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { SidebarGate } from '../../../extension/background/sidebar-gate';
import { TICKET_TTL_MS } from '../../../extension/background/sidebar-grants';

let gate: SidebarGate;
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-02T09:00:00+08:00'));
  gate = new SidebarGate();
});
afterEach(() => vi.useRealTimers());

describe('the sidebar gate', () => {
  it('grants exactly the frame that redeemed its tab’s ticket', async () => {
    const ticket = await gate.issue(7);
    expect(await gate.allows(7, 3)).toBe(false);
    expect(await gate.redeem(ticket, 7, 3)).toBe(true);
    expect(await gate.allows(7, 3)).toBe(true);
    expect(await gate.allows(7, 4)).toBe(false);
    expect(await gate.allows(8, 3)).toBe(false);
  });

  it('takes a ticket once, and only in the tab it was issued for', async () => {
    const ticket = await gate.issue(7);
    // Another tab trying it uses it up: a ticket read by a page is worth one refusal, not a grant.
    expect(await gate.redeem(ticket, 8, 0)).toBe(false);
    expect(await gate.redeem(ticket, 7, 3)).toBe(false);

    const second = await gate.issue(7);
    expect(await gate.redeem(second, 7, 3)).toBe(true);
    expect(await gate.redeem(second, 7, 5)).toBe(false);
    expect(await gate.redeem('made-up', 7, 6)).toBe(false);
    expect(await gate.allows(7, 5)).toBe(false);
  });

  it('refuses a ticket past its time', async () => {
    const ticket = await gate.issue(7);
    vi.setSystemTime(Date.now() + TICKET_TTL_MS + 1);
    expect(await gate.redeem(ticket, 7, 3)).toBe(false);
    expect(await gate.allows(7, 3)).toBe(false);
  });

  it('a new page in the tab (a new ticket) ends the grants of the old one, and only in that tab', async () => {
    expect(await gate.redeem(await gate.issue(7), 7, 3)).toBe(true);
    expect(await gate.redeem(await gate.issue(9), 9, 1)).toBe(true);
    await gate.issue(7);
    expect(await gate.allows(7, 3)).toBe(false);
    expect(await gate.allows(9, 1)).toBe(true);
  });

  it('keeps grants in session storage, where a restarted service worker finds them', async () => {
    const ticket = await gate.issue(7);
    const restarted = new SidebarGate();
    expect(await restarted.redeem(ticket, 7, 3)).toBe(true);
    expect(await new SidebarGate().allows(7, 3)).toBe(true);
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it('loses no ticket when many tabs ask at once', async () => {
    const tabs = Array.from({ length: 12 }, (_, i) => i + 1);
    const tickets = await Promise.all(tabs.map((tab) => gate.issue(tab)));
    const granted = await Promise.all(tabs.map((tab, i) => gate.redeem(tickets[i]!, tab, 2)));
    expect(granted).toEqual(tabs.map(() => true));
    for (const tab of tabs) expect(await gate.allows(tab, 2)).toBe(true);
  });
});
