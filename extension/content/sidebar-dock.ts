/**
 * The launcher and the docked sidebar, inside one shadow root so the host page's CSS cannot
 * reach them (and ours cannot reach the page). The root is closed, so the page's scripts cannot
 * reach the sidebar frame either; test builds keep it open for the browser tests' locators. The sidebar UI itself is an extension page in an
 * iframe, created on first open or ahead of it (the pointer on the launcher, a selection, an idle page) and handed its ticket and page port
 * once loaded (a frame preloaded on an idle page only when it is shown). While open, the page makes room (a right margin on <html>, put
 * back exactly on close), Esc closes it and navigation and new selections are followed; listeners exist only while open.
 */
import type { RecordKind } from '../../shared/model/record';
import { HOLD_MESSAGE, NO_TICKET_MESSAGE, TICKET_MESSAGE } from '../messaging/messages';
import { askWithRetries } from './ticket-retry';

export const SIDEBAR_WIDTH = 400;

const STYLE = `
:host { all: initial !important; }
.launcher { all: initial; position: fixed; top: 50%; right: 0; z-index: 2147483646; transform: translateY(-50%);
  writing-mode: vertical-rl; font: 13px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #fff;
  background: #b71c1c; padding: 10px 5px; border-radius: 6px 0 0 6px; cursor: pointer; box-shadow: 0 1px 4px rgba(0,0,0,.3); letter-spacing: 2px; }
.launcher:hover, .launcher:focus-visible { background: #8e0000; outline: 2px solid #ffcdd2; }
:host([data-open]) .launcher { display: none; }
.panel { all: initial; position: fixed; top: 0; right: 0; bottom: 0; width: ${SIDEBAR_WIDTH}px; z-index: 2147483647;
  background: #fff; box-shadow: -2px 0 8px rgba(0,0,0,.18); display: none; }
.panel.open { display: block; }
iframe { all: initial; display: block; width: 100%; height: 100%; border: 0; }
`;

/** Where the sidebar frame loads, and the one-time ticket it is handed (with its page port) once loaded. */
export interface SidebarFrameSource {
  /** The sidebar page's URL for a new frame showing the form for `kind`. */
  url(kind: RecordKind | undefined): string;
  /** The origin the loaded sidebar document has (in Chrome not the URL's: that host is a per-session alias). */
  origin: string;
  /** A one-time ticket from the background, or null when it refused. */
  ticket(): Promise<string | null>;
}

export interface DockEvents {
  /** Called after the sidebar opens (first time or again), with the form it should show. */
  onOpen(kind: RecordKind | undefined): void;
  /** Called before the launcher captures focus, so the selection can be read while it exists. */
  beforeOpen(): void;
  /** The page navigated inside itself (hash or history route) or the user selected other text while open. */
  onPageChange(): void;
  /** The sidebar frame loaded and was posted its ticket with the other end of `port`. */
  onFrameReady(port: MessagePort): void;
  /** The frame starts loading ahead of a click (the pointer is on the launcher). */
  onPrepare?(): void;
}

export class SidebarDock {
  private readonly host: HTMLElement;
  private readonly panel: HTMLDivElement;
  private frame: HTMLIFrameElement | null = null;
  /** Whether the frame has been handed its port. */
  private ready = false;
  /** Whether its ticket has been asked for (at once, or only when shown for a frame preloaded while idle). */
  private handing = false;
  /** Whether every try for its ticket failed: the next open makes a new frame and tries again. */
  private failed = false;
  /** Resolves when the frame has loaded. */
  private loaded: Promise<void> = Promise.resolve();
  /** A form asked for while a frame loaded ahead of the click was not ready yet. */
  private pendingKind: RecordKind | undefined;
  private whileOpen: AbortController | null = null;
  private savedMargin: { value: string; priority: string } | null = null;
  /** While 从页面选取 waits for a click on the page, Esc ends that, not the sidebar. */
  picking = false;

  constructor(
    private readonly source: SidebarFrameSource,
    private readonly events: DockEvents,
  ) {
    this.host = document.createElement('taizhang-root');
    this.host.dataset.testid = 'tz-root';
    // Replaced at build time: a real build contains only 'closed'.
    const root = this.host.attachShadow({ mode: import.meta.env.MODE === 'test' ? 'open' : 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const launcher = document.createElement('button');
    launcher.className = 'launcher';
    launcher.type = 'button';
    launcher.textContent = '台账';
    launcher.title = '打开台账侧栏（Alt+Shift+T）';
    launcher.dataset.testid = 'tz-launcher';
    // Keep focus (and a selection inside a text field) on the page: read it before the click lands.
    launcher.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      this.events.beforeOpen();
    });
    launcher.addEventListener('click', () => this.open());
    // The pointer on the launcher (or the keyboard's focus) is the moment before a click: the sidebar
    // starts loading then, so the click only has to show it.
    launcher.addEventListener('pointerenter', () => this.prepare());
    launcher.addEventListener('focus', () => this.prepare());
    this.panel = document.createElement('div');
    this.panel.className = 'panel';
    this.panel.dataset.testid = 'tz-sidebar-host';
    root.append(style, launcher, this.panel);
    document.documentElement.append(this.host);
  }

  get isOpen(): boolean {
    return this.whileOpen !== null;
  }

  /** Loads the sidebar frame without showing it, linked at once (a click is likely to follow), unless it is there already. */
  prepare(): void {
    if (!this.frame) this.createFrame(undefined);
    this.handOver();
    this.events.onPrepare?.();
  }

  /**
   * Loads the sidebar frame hidden and unlinked while the page is idle, so a first open only has to
   * hand it its ticket: no ticket is asked for, no grant made and nothing rendered until it is shown.
   */
  preload(): void {
    if (!this.frame) this.createFrame(undefined);
  }

  private createFrame(kind: RecordKind | undefined): void {
    this.frame = document.createElement('iframe');
    this.frame.dataset.testid = 'tz-sidebar-frame';
    this.frame.title = '台账侧栏';
    this.frame.allow = '';
    this.panel.append(this.frame);
    const frame = this.frame;
    this.handing = false;
    this.loaded = new Promise<void>((resolve) => {
      const onLoad = (e: Event) => {
        // A load event the page dispatched on the element itself is not the frame loading.
        if (!e.isTrusted) return;
        frame.removeEventListener('load', onLoad);
        // The frame is told its ticket is coming (a frame loaded ahead: when it is shown; else once the
        // background answers), so it waits instead of refusing after a few seconds.
        frame.contentWindow?.postMessage({ type: HOLD_MESSAGE }, this.source.origin);
        resolve();
      };
      frame.addEventListener('load', onLoad);
    });
    frame.src = this.source.url(kind);
  }

  /**
   * Hands the frame its ticket and page port, once. The frame starts loading at once and the ticket is
   * asked for meanwhile: the ticket never goes into the URL (readable by anyone who gets hold of the
   * frame element), so nothing waits on it until the frame has loaded. It is posted then, and only to
   * the extension's origin, so a frame the page navigated elsewhere never receives it — nor the page
   * port that travels with it. The port is made here, in the content script's world; the page never
   * holds either end.
   */
  private handOver(): void {
    const frame = this.frame;
    if (!frame || this.handing) return;
    this.handing = true;
    void Promise.all([askWithRetries(() => this.source.ticket()), this.loaded]).then(([ticket]) => {
      if (this.frame !== frame) return;
      if (ticket === null) {
        this.failed = true;
        frame.contentWindow?.postMessage({ type: NO_TICKET_MESSAGE }, this.source.origin);
        return;
      }
      const channel = new MessageChannel();
      frame.contentWindow?.postMessage({ type: TICKET_MESSAGE, ticket }, this.source.origin, [channel.port2]);
      this.ready = true;
      this.events.onFrameReady(channel.port1);
      const kind = this.pendingKind;
      this.pendingKind = undefined;
      if (kind && this.isOpen) this.events.onOpen(kind);
    });
  }

  open(kind?: RecordKind): void {
    // A frame that could get no ticket is replaced: opening again is trying again.
    if (this.failed) {
      this.frame?.remove();
      this.frame = null;
      this.ready = false;
      this.failed = false;
    }
    if (!this.frame) this.createFrame(kind);
    // A frame loaded ahead of the click (prepare, preload) was made for the default form: once it has
    // its port it is shown the form asked for.
    else if (kind && !this.ready) this.pendingKind = kind;
    this.handOver();
    if (!this.whileOpen) {
      this.whileOpen = new AbortController();
      const { signal } = this.whileOpen;
      window.addEventListener('keydown', (e) => e.key === 'Escape' && !e.isComposing && !this.picking && this.close(), { capture: true, signal });
      // A route change fires several of these and a selection many: each burst is read once, after
      // the app has had a moment to render. A new selection on the page while open becomes the form's quote.
      let pending: ReturnType<typeof setTimeout> | undefined;
      const changed = () => {
        clearTimeout(pending);
        pending = setTimeout(() => this.events.onPageChange(), 150);
      };
      window.addEventListener('hashchange', changed, { signal });
      window.addEventListener('popstate', changed, { signal });
      // history.pushState runs in the page's world; the Navigation API (Chromium) tells every world.
      (window as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', changed, { signal });
      document.addEventListener('selectionchange', changed, { signal });
      signal.addEventListener('abort', () => clearTimeout(pending));
      this.panel.classList.add('open');
      this.host.dataset.open = 'true';
      this.makeRoom();
    }
    this.events.onOpen(kind);
  }

  close(): void {
    this.whileOpen?.abort();
    this.whileOpen = null;
    this.panel.classList.remove('open');
    delete this.host.dataset.open;
    this.giveBackRoom();
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else {
      this.events.beforeOpen();
      this.open();
    }
  }

  destroy(): void {
    this.close();
    this.host.remove();
  }

  private makeRoom(): void {
    const style = document.documentElement.style;
    this.savedMargin = { value: style.getPropertyValue('margin-right'), priority: style.getPropertyPriority('margin-right') };
    style.setProperty('margin-right', `${SIDEBAR_WIDTH}px`, 'important');
  }

  private giveBackRoom(): void {
    if (!this.savedMargin) return;
    const style = document.documentElement.style;
    if (this.savedMargin.value) style.setProperty('margin-right', this.savedMargin.value, this.savedMargin.priority);
    else style.removeProperty('margin-right');
    if (style.length === 0) document.documentElement.removeAttribute('style');
    this.savedMargin = null;
  }
}
