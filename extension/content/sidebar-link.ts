/**
 * The content script's end of the page port: answers the sidebar's requests (`PagePortRequests` in
 * messaging/messages.ts) and pushes page changes to it. The other end went to the sidebar frame
 * together with its one-time ticket (content/sidebar-dock.ts); this end never leaves the content
 * script's isolated world, so the page's own scripts cannot post on it or read from it.
 */
import type { PageToSidebar, PagePortEvent, PagePortReply, PagePortRequest, PagePortRequestType, Reply, SidebarToPage } from '../messaging/messages';

export type PagePortHandlers = { [K in PagePortRequestType]: (message: PagePortRequest<K>) => PagePortReply<K> | Promise<PagePortReply<K>> };

export class SidebarLink {
  private port: MessagePort | null = null;
  /** The context the sidebar has last been given (JSON), so an unchanged page costs no message. */
  private told = '';

  constructor(private readonly handlers: PagePortHandlers) {}

  /** Whether a sidebar frame has been handed its port (until then there is no one to tell). */
  get attached(): boolean {
    return this.port !== null;
  }

  /** The port of a newly handed-over sidebar frame; the previous frame's, if any, is closed. */
  attach(port: MessagePort): void {
    this.port?.close();
    this.port = port;
    this.told = '';
    port.onmessage = (e: MessageEvent) => void this.answer(port, e.data);
  }

  /** Pushes `event`; a page change that leaves the context as the sidebar has it is not sent. */
  push(event: PagePortEvent): void {
    if (!this.port) return;
    if ('context' in event) {
      const json = JSON.stringify(event.context);
      if (event.type === 'context:changed' && json === this.told) return;
      this.told = json;
    }
    this.port.postMessage({ event } satisfies PageToSidebar);
  }

  close(): void {
    this.port?.close();
    this.port = null;
  }

  private async answer(port: MessagePort, data: unknown): Promise<void> {
    const { id, request } = (data ?? {}) as Partial<SidebarToPage>;
    if (typeof id !== 'number') return;
    let reply: Reply<unknown>;
    try {
      if (!request || !Object.hasOwn(this.handlers, request.type)) throw new Error('页面无法处理此请求');
      const value = await (this.handlers[request.type] as (m: typeof request) => unknown)(request);
      if (request.type === 'context:get') this.told = JSON.stringify(value);
      reply = { ok: true, value };
    } catch (err) {
      reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage({ id, reply } satisfies PageToSidebar);
  }
}
