/** Which sidebar frames the background serves: one-time tickets bound to the launcher's tab. */
import { describe, expect, it } from 'vitest';
import { emptyGrants, isGranted, issueTicket, redeemTicket, TICKET_TTL_MS } from '../../../extension/background/sidebar-grants';

describe('sidebar grants', () => {
  const now = 1_750_000_000_000;

  it('grants the frame that redeems a ticket in the tab it was issued for, once', () => {
    const g = issueTicket(emptyGrants(), 7, 't1', now);
    const first = redeemTicket(g, 't1', 7, 12, now + 100);
    expect(first.granted).toBe(true);
    expect(isGranted(first.grants, 7, 12)).toBe(true);
    expect(isGranted(first.grants, 7, 13)).toBe(false);
    const replay = redeemTicket(first.grants, 't1', 7, 13, now + 200);
    expect(replay.granted).toBe(false);
    expect(isGranted(replay.grants, 7, 13)).toBe(false);
  });

  it('refuses a ticket from another tab (and burns it), an unknown one, and a lapsed one', () => {
    const g = issueTicket(emptyGrants(), 7, 't1', now);
    const wrongTab = redeemTicket(g, 't1', 8, 3, now);
    expect(wrongTab.granted).toBe(false);
    expect(redeemTicket(wrongTab.grants, 't1', 7, 3, now).granted).toBe(false);
    expect(redeemTicket(g, 'guess', 7, 3, now).granted).toBe(false);
    expect(redeemTicket(g, 'toString', 7, 3, now).granted).toBe(false);
    expect(redeemTicket(g, 't1', 7, 3, now + TICKET_TTL_MS).granted).toBe(false);
  });

  it('a new page in the tab drops what the old page was given', () => {
    let g = issueTicket(emptyGrants(), 7, 't1', now);
    g = redeemTicket(g, 't1', 7, 12, now).grants;
    g = issueTicket(g, 9, 'other-tab', now);
    g = issueTicket(g, 7, 't2', now + 1000);
    expect(isGranted(g, 7, 12)).toBe(false);
    expect(Object.keys(g.tickets).sort()).toEqual(['other-tab', 't2']);
  });
});
