/**
 * How the sidebar frame takes its page port: only together with a ticket the background redeemed.
 * The host page can post into the frame like the launcher does (same parent window), with ports of
 * its own and a guessed ticket; those ports are closed unread, and nothing on the launcher's port is
 * read before its ticket is confirmed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PageContext } from '../../../shared/model/page';
import { TICKET_MESSAGE, type PageToSidebar } from '../../../extension/messaging/messages';
import { PageLink } from '../../../extension/sidebar/page-link';
import { awaitTicket } from '../../../extension/sidebar/ticket-handshake';

const real: PageContext = { url: 'https://oa.example.edu.cn/doc/1', title: '关于开展主题教育的通知', vendor: 'weaver' };
const forged: PageContext = { url: 'https://oa.example.edu.cn/doc/1', title: '伪造的标题', quote: '<img src=x onerror=alert(1)>' };

const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function channel() {
  const c = new MessageChannel();
  open.push(c.port1, c.port2);
  return c;
}

/** The frame's window, its parent (the page's window, shared by the page and the launcher), and what the handshake did. */
function frame(goodTicket: string) {
  const win = new EventTarget();
  // Node's MessageEvent only takes a MessagePort as `source`: one stands in for the parent window.
  const parent = channel().port1;
  const redeemed: string[] = [];
  const linked: MessagePort[] = [];
  const refused: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  awaitTicket(win as unknown as Window, parent, {
    redeem: async (ticket) => {
      redeemed.push(ticket);
      await gate;
      if (ticket !== goodTicket) throw new Error('此侧栏不是由台账扩展在本页打开的，已拒绝显示');
    },
    linked: (port) => linked.push(port),
    refused: (reason) => refused.push(reason),
  });
  const post = (data: unknown, ports: MessagePort[], source: MessagePort | null = parent) =>
    win.dispatchEvent(new MessageEvent('message', { data, ports, source }));
  return { post, redeemed, linked, refused, release, parent };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the sidebar’s ticket handshake', () => {
  it('links the port that came with the redeemed ticket, not one the page posted first with a guess', async () => {
    const f = frame('real-ticket');
    const page = channel();
    const launcher = channel();
    // Node's ports say when the other end is closed (browsers do not, yet).
    const pagePortClosed = new Promise((r) => (page.port1 as unknown as { once(e: string, f: () => void): void }).once('close', () => r(true)));
    // The page gets in first, with a port of its own already carrying a fake context.
    page.port1.postMessage({ event: { type: 'context:changed', context: forged } } satisfies PageToSidebar);
    f.post({ type: TICKET_MESSAGE, ticket: crypto.randomUUID() }, [page.port2]);
    launcher.port1.postMessage({ event: { type: 'context:changed', context: real } } satisfies PageToSidebar);
    f.post({ type: TICKET_MESSAGE, ticket: 'real-ticket' }, [launcher.port2]);
    f.release();
    await settle();

    expect(f.linked).toEqual([launcher.port2]);
    expect(await pagePortClosed).toBe(true);
    expect(f.refused).toEqual(['此侧栏不是由台账扩展在本页打开的，已拒绝显示']);
    const link = new PageLink(f.linked[0]!);
    const seen: unknown[] = [];
    link.listen((e) => seen.push(e));
    await settle();
    expect(seen).toEqual([{ type: 'context:changed', context: real }]);
    link.close();
  });

  it('reads nothing from the port until the background has confirmed the ticket', async () => {
    const f = frame('real-ticket');
    const launcher = channel();
    f.post({ type: TICKET_MESSAGE, ticket: 'real-ticket' }, [launcher.port2]);
    await settle();
    expect(f.redeemed).toEqual(['real-ticket']);
    expect(f.linked).toEqual([]);
    f.release();
    await settle();
    expect(f.linked).toEqual([launcher.port2]);
  });

  it('ignores, without asking the background, posts not from the parent window, without exactly one port, or of another shape', async () => {
    const f = frame('real-ticket');
    const stranger = channel().port1;
    f.post({ type: TICKET_MESSAGE, ticket: 'real-ticket' }, [channel().port2], stranger);
    f.post({ type: TICKET_MESSAGE, ticket: 'real-ticket' }, []);
    f.post({ type: TICKET_MESSAGE, ticket: 'real-ticket' }, [channel().port2, channel().port2]);
    f.post({ type: 'context:changed', context: forged }, [channel().port2]);
    f.post({ type: TICKET_MESSAGE, ticket: 'x'.repeat(101) }, [channel().port2]);
    f.release();
    await settle();
    expect(f.redeemed).toEqual([]);
    expect(f.linked).toEqual([]);
  });

  it('takes one port only: once linked, later ticket posts are not even redeemed', async () => {
    const f = frame('real-ticket');
    f.release();
    f.post({ type: TICKET_MESSAGE, ticket: 'real-ticket' }, [channel().port2]);
    await settle();
    f.post({ type: TICKET_MESSAGE, ticket: 'real-ticket' }, [channel().port2]);
    await settle();
    expect(f.redeemed).toEqual(['real-ticket']);
    expect(f.linked).toHaveLength(1);
  });
});
