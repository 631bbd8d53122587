/**
 * The always-on script on OA sites (registered at run time for the sites the user allowed) and on
 * any tab the toolbar button is clicked on. Small on purpose: the launcher, the dock and the
 * selection reader; the page readers are run in this frame when the sidebar first opens (page/on-demand.ts),
 * and the sidebar UI loads in its iframe on first open and reads the page through the page port.
 */
import { browser } from 'wxt/browser';
import type { PageContext } from '../../shared/model/page';
import type { RecordKind } from '../../shared/model/record';
import { paintQuotes } from '../content/highlights';
import { whenSettledAndSeen } from '../content/preload-schedule';
import { SidebarDock, type SidebarFrameSource } from '../content/sidebar-dock';
import { SidebarLink } from '../content/sidebar-link';
import type { BackgroundReply, BackgroundRequest, BackgroundRequestType, ContentMessage, Reply } from '../messaging/messages';
import type { SiteRule, SiteRuleField } from '../../shared/model/site-rule-shape';
import { type InjectedPageReader, PAGE_READER_GLOBAL } from '../page/on-demand';
import { readSelection } from '../page/selection';

const MARK = '__taizhangLauncher';
/** A selection this long is a passage being quoted, not a stray click. */
const MIN_QUOTE_CHARS = 4;

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

    // The page readers and the site's taught rules, asked for once (on the first open) and kept;
    // without them (the background could not run them here) the sidebar still gets the address and
    // the tab's title. A rule taught here afterwards joins `rules` at once.
    let reader: Promise<InjectedPageReader | null> | null = null;
    let rules: SiteRule[] = [];
    const pageReader = () => {
      reader ??= send({ type: 'page:reader', url: location.href }).then((r) => {
        if (!r?.ok) return null;
        rules = r.value;
        return (g[PAGE_READER_GLOBAL] as InjectedPageReader | undefined) ?? null;
      });
      return reader;
    };
    const factsNow = async (): Promise<PageContext> => {
      const bare: PageContext = { url: location.href, title: document.title.slice(0, 500), vendor: 'generic', docNumber: null, issuer: null, docDate: null };
      const r = await pageReader();
      try {
        return r?.readPageFacts(document, location.href, rules) ?? bare;
      } catch {
        // A page the readers choke on still gets its record: address and tab title.
        return bare;
      }
    };
    let picking: { cancel(): void } | null = null;
    const startPick = async (field: SiteRuleField) => {
      picking?.cancel();
      const r = await pageReader();
      if (!r) throw new Error('无法在此页面选取：页面读取器未能加载，请刷新页面后重试');
      const pick = r.pick(document, location.href, field);
      picking = pick;
      dock.picking = true;
      void pick.result.then((result) => {
        if (picking !== pick) return;
        picking = null;
        dock.picking = false;
        if (result?.ok) rules = [result.rule, ...rules.filter((x) => x.field !== field)];
        link.push({ type: 'picked', field, result });
        if (result?.ok) pushContext({ type: 'context:changed' });
      });
      return null;
    };
    const contextNow = async (): Promise<PageContext> => {
      const facts = await factsNow();
      return captured ? { ...facts, quote: captured.quote.slice(0, 5000), selector: captured.selector } : facts;
    };
    // Pushes go out in the order they were asked for, each with the context as it is when its turn comes.
    let pushing = Promise.resolve();
    const pushContext = (event: { type: 'show'; kind?: RecordKind } | { type: 'context:changed' }) => {
      pushing = pushing
        .then(async () => {
          if (link.attached) link.push({ ...event, context: await contextNow() });
        })
        .catch(() => undefined); // one failed push must not stop the ones after it
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
        picking?.cancel();
        dock.close();
        return null;
      },
      'pick:start': ({ field }) => startPick(field),
      'pick:cancel': () => {
        picking?.cancel();
        return null;
      },
    });

    const dock = new SidebarDock(frameSource, {
      beforeOpen: () => {
        captured = readSelection(document);
      },
      onOpen: (kind) => {
        // The readers load while the frame does; until the frame has its port (first open) there is
        // no one to tell: the sidebar asks once linked.
        void pageReader();
        if (link.attached) pushContext({ type: 'show', ...(kind ? { kind } : {}) });
      },
      onPageChange: () => {
        if (!browser.runtime.id) return orphaned();
        capture();
        pushContext({ type: 'context:changed' });
      },
      onFrameReady: (port) => link.attach(port),
      onPrepare: () => void pageReader(),
    });

    // Once the page has settled and is on screen, the sidebar loads hidden and unlinked (no ticket, no
    // grant, nothing rendered), so the first open only has to hand it its ticket.
    whenSettledAndSeen({ document, setTimeout: (run, ms) => setTimeout(run, ms), requestIdleCallback: (run, o) => requestIdleCallback(run, o) }, () => {
      if (browser.runtime.id) dock.preload();
    });

    // Selecting a passage is how a quote starts, before the shortcut or the launcher: the sidebar starts
    // loading hidden then, as when the pointer reaches the launcher, so what follows only has to show it.
    // Firefox reports a selection inside a text field only through the field itself.
    const selectedLength = () => {
      const field = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
      const inField = field && 'selectionStart' in field && field.selectionStart !== null ? Math.abs((field.selectionEnd ?? 0) - field.selectionStart) : 0;
      return Math.max(inField, document.getSelection()?.toString().trim().length ?? 0);
    };
    let selecting: ReturnType<typeof setTimeout> | undefined;
    document.addEventListener('selectionchange', () => {
      clearTimeout(selecting);
      selecting = setTimeout(() => {
        if (browser.runtime.id && !dock.isOpen && selectedLength() >= MIN_QUOTE_CHARS) dock.prepare();
        // Short: a drag fires this many times, but the shortcut can follow the drag's end closely.
      }, 50);
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
