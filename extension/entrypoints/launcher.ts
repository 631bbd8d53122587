/**
 * The always-on script on OA sites (registered at run time for the sites the user allowed) and on
 * any tab the toolbar button is clicked on. Small on purpose: the launcher, the dock and the page
 * reader; the sidebar UI loads in its iframe on first open and reads the page through the page port.
 */
import { browser } from 'wxt/browser';
import type { PageContext } from '../../shared/model/page';
import type { RecordKind } from '../../shared/model/record';
import { paintQuotes } from '../content/highlights';
import { SidebarDock, type SidebarFrameSource } from '../content/sidebar-dock';
import { SidebarLink } from '../content/sidebar-link';
import type { BackgroundReply, BackgroundRequest, BackgroundRequestType, ContentMessage, Reply } from '../messaging/messages';
import { readPageContext, readSelection } from '../page/reader';

const MARK = '__taizhangLauncher';

export default defineUnlistedScript({
  main() {
    // The toolbar button may inject this script into a tab where it already runs.
    const g = globalThis as Record<string, unknown>;
    if (g[MARK]) return;
    g[MARK] = true;

    let captured: ReturnType<typeof readSelection> = null;
    // After the extension is updated or removed this copy is orphaned: take the launcher away.
    const send = <K extends BackgroundRequestType>(m: BackgroundRequest<K>): Promise<Reply<BackgroundReply<K>> | undefined> => {
      if (browser.runtime.id) return browser.runtime.sendMessage(m).catch(() => undefined);
      orphaned();
      return Promise.resolve(undefined);
    };
    const orphaned = () => {
      link.close();
      dock.destroy();
    };
    const capture = () => {
      captured = readSelection(document) ?? captured;
    };

    const contextNow = (): PageContext => {
      const { quote: _q, selector: _s, ...facts } = readPageContext(document, location.href);
      return captured ? { ...facts, quote: captured.quote.slice(0, 5000), selector: captured.selector } : facts;
    };

    // The sidebar frame is handed a one-time ticket from the background (see background/sidebar-grants.ts).
    const sidebarPage = browser.runtime.getURL('/sidebar.html');
    const frameSource: SidebarFrameSource = {
      url: (kind) => `${sidebarPage}${kind ? `#${new URLSearchParams({ kind })}` : ''}`,
      // Chrome serves web-accessible pages under a dynamic host (use_dynamic_url), but the page
      // loaded there has the extension's own origin; Firefox's URL host is already that origin.
      origin: sidebarPage.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : new URL(sidebarPage).origin,
      ticket: async () => {
        const r = await send({ type: 'sidebar:ticket' });
        return r?.ok ? r.value : null;
      },
    };

    // The sidebar asks and is told straight over the page port; the background is not on this path.
    const link = new SidebarLink({
      'context:get': () => contextNow(),
      'sidebar:close': () => {
        dock.close();
        return null;
      },
    });

    const dock = new SidebarDock(frameSource, {
      beforeOpen: () => {
        captured = readSelection(document);
      },
      onOpen: (kind) => {
        // Until the frame has its port (first open) there is no one to tell: the sidebar asks once linked.
        if (link.attached) link.push({ type: 'show', ...(kind ? { kind } : {}), context: contextNow() });
      },
      onPageChange: () => {
        if (!browser.runtime.id) return orphaned();
        capture();
        if (link.attached) link.push({ type: 'context:changed', context: contextNow() });
      },
      onFrameReady: (port) => link.attach(port),
    });

    const onMessage = (message: ContentMessage, _sender: unknown, reply: (r: Reply<unknown>) => void) => {
      switch (message.type) {
        case 'sidebar:toggle':
          dock.toggle();
          break;
        case 'sidebar:open':
          if (!dock.isOpen) captured = readSelection(document);
          else capture();
          dock.open(message.kind);
          break;
        case 'highlights:refresh':
          void refreshHighlights();
          break;
      }
      reply({ ok: true, value: null });
    };
    browser.runtime.onMessage.addListener(onMessage);

    const refreshHighlights = async () => {
      const r = await send({ type: 'page:quotes', url: location.href });
      if (r?.ok) paintQuotes(document, r.value);
    };
    void refreshHighlights();
  },
});
