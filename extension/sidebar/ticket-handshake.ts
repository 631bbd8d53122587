/**
 * How the sidebar frame learns that the launcher of its own page opened it, and gets its end of the
 * page port. The launcher posts `{ type: TICKET_MESSAGE, ticket }` with the port transferred. The host
 * page shares the launcher's window, so it can post here too (`source` is the same parent window) —
 * but it never sees the ticket. So each port is kept or dropped together with its own ticket: only
 * the port that came with a ticket the background redeemed is linked; any other is closed unread.
 */
import { TICKET_MESSAGE } from '../messaging/messages';

export interface Handshake {
  /** Asks the background to redeem `ticket` for this frame; rejects with the refusal (in Chinese). */
  redeem(ticket: string): Promise<void>;
  /** The ticket was good: `port` is the page port from the launcher of this frame's page. */
  linked(port: MessagePort): void;
  /** A ticket was refused (a page may post guesses before the launcher's arrives; a later good one still links). */
  refused(reason: string): void;
}

/** Listens on `win` for the launcher's ticket from `parent`; returns the way to stop listening. */
export function awaitTicket(win: Pick<Window, 'addEventListener' | 'removeEventListener'>, parent: unknown, handshake: Handshake): () => void {
  let linked = false;
  const stop = () => win.removeEventListener('message', onMessage);
  function onMessage(e: MessageEvent): void {
    const data = e.data as { type?: unknown; ticket?: unknown } | null;
    const ports = [...e.ports];
    const port = ports.length === 1 ? ports[0] : undefined;
    if (linked || !port || e.source !== parent || data?.type !== TICKET_MESSAGE || typeof data.ticket !== 'string' || data.ticket.length > 100) {
      for (const p of ports) p.close();
      return;
    }
    handshake.redeem(data.ticket).then(
      () => {
        if (linked) return port.close();
        linked = true;
        stop();
        handshake.linked(port);
      },
      (err: unknown) => {
        port.close();
        if (!linked) handshake.refused(err instanceof Error ? err.message : String(err));
      },
    );
  }
  win.addEventListener('message', onMessage);
  return stop;
}
