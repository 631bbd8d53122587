/**
 * Keeps the sidebar grants (sidebar-grants.ts) in `storage.session`: the service worker may be
 * stopped between the launcher's ticket and the sidebar's first message, and session storage is
 * out of reach of content scripts. One change at a time, so two tabs cannot overwrite each other.
 * While this worker lives it keeps what it last read or wrote, so only its first read after a start
 * goes to storage: every sidebar request asks `allows`, and the first open waits on issue and redeem.
 */
import { sessionItem } from '../storage/typed-area';
import { emptyGrants, isGranted, issueTicket, redeemTicket, type SidebarGrants } from './sidebar-grants';

const stored = sessionItem('sidebarGrants');

export class SidebarGate {
  private queue: Promise<unknown> = Promise.resolve();
  /** The grants as last read or written by this worker; nothing else writes them. */
  private known: SidebarGrants | null = null;

  private async read(): Promise<SidebarGrants> {
    this.known ??= (await stored.get()) ?? emptyGrants();
    return this.known;
  }

  private change<T>(task: (g: SidebarGrants) => { grants: SidebarGrants; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      const { grants, result } = task(await this.read());
      await stored.set(grants);
      this.known = grants;
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
