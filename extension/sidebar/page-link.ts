/**
 * The sidebar's end of the page port: typed requests to the content script of the page it sits on
 * (`PagePortRequests` in messaging/messages.ts) and the page changes it pushes. Built only once the
 * background has confirmed the ticket the port came with (sidebar/ticket-handshake.ts), so nothing
 * on the port is read before then: a MessagePort keeps what was posted to it until it is started.
 */
import type { PagePortEvent, PagePortReply, PagePortRequest, PagePortRequestType, PageToSidebar, Reply, SidebarToPage } from '../messaging/messages';
import { AskError } from './background-client';

/**
 * The content script answers at once; this only ends the wait if it is gone (it never answers then).
 * Generous, so a page busy for seconds on a loaded machine is not reported as unreadable.
 */
const REPLY_WAIT_MS = 15_000;

export class PageLink {
  private nextId = 1;
  private readonly waiting = new Map<number, { settle: (reply: Reply<unknown>) => void; timer: ReturnType<typeof setTimeout> }>();
  private listener: ((event: PagePortEvent) => void) | null = null;
  /** Events that came before the sidebar listened (the page changed while it was rendering). */
  private readonly early: PagePortEvent[] = [];

  constructor(
    private readonly port: MessagePort,
    private readonly replyWaitMs = REPLY_WAIT_MS,
  ) {
    port.onmessage = (e: MessageEvent) => this.receive(e.data as PageToSidebar);
  }

  /** Sends `message`; resolves with the reply type the contract names for it. */
  request<K extends PagePortRequestType>(message: PagePortRequest<K>): Promise<PagePortReply<K>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new AskError('页面没有响应，请刷新页面后重试'));
      }, this.replyWaitMs);
      this.waiting.set(id, {
        timer,
        settle: (reply) => (reply.ok ? resolve(reply.value as PagePortReply<K>) : reject(new AskError(reply.message, reply.field))),
      });
      this.port.postMessage({ id, request: message } as SidebarToPage);
    });
  }

  /** The one listener for pushed events; whatever came before it is delivered first. Returns the way to stop. */
  listen(listener: (event: PagePortEvent) => void): () => void {
    this.listener = listener;
    for (const event of this.early.splice(0)) listener(event);
    return () => {
      if (this.listener === listener) this.listener = null;
    };
  }

  close(): void {
    this.port.close();
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }

  private receive(data: PageToSidebar): void {
    if (typeof data !== 'object' || data === null) return;
    if ('event' in data) {
      if (this.listener) this.listener(data.event);
      else this.early.push(data.event);
      return;
    }
    const waiting = typeof data.id === 'number' ? this.waiting.get(data.id) : undefined;
    if (!waiting || !data.reply) return;
    this.waiting.delete(data.id);
    clearTimeout(waiting.timer);
    waiting.settle(data.reply);
  }
}
