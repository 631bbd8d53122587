/**
 * Keeps the sidebar grants (sidebar-grants.ts) in `storage.session`: the service worker may be
 * stopped between the launcher's ticket and the sidebar's first message, and session storage is
 * out of reach of content scripts. One change at a time, so two tabs cannot overwrite each other.
 */
import { browser } from 'wxt/browser';
import { emptyGrants, isGranted, issueTicket, redeemTicket, type SidebarGrants } from './sidebar-grants';

const KEY = 'sidebarGrants';

export class SidebarGate {
  private queue: Promise<unknown> = Promise.resolve();

  private async read(): Promise<SidebarGrants> {
    return ((await browser.storage.session.get(KEY))[KEY] as SidebarGrants | undefined) ?? emptyGrants();
  }

  private change<T>(task: (g: SidebarGrants) => { grants: SidebarGrants; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      const { grants, result } = task(await this.read());
      await browser.storage.session.set({ [KEY]: grants });
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  issue(tabId: number): Promise<string> {
    const ticket = crypto.randomUUID();
    return this.change((g) => ({ grants: issueTicket(g, tabId, ticket, Date.now()), result: ticket }));
  }

  redeem(ticket: string, tabId: number, frameId: number): Promise<boolean> {
    return this.change((g) => {
      const { grants, granted } = redeemTicket(g, ticket, tabId, frameId, Date.now());
      return { grants, result: granted };
    });
  }

  async allows(tabId: number, frameId: number): Promise<boolean> {
    await this.queue;
    return isGranted(await this.read(), tabId, frameId);
  }
}
