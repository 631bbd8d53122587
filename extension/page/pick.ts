/**
 * Pick mode for 从页面选取: the element under the pointer is outlined, a bar says what to click, and
 * the next click chooses it instead of reaching the page (no link followed, no handler of the page
 * run); Esc or `cancel()` ends it with nothing. Drawn in its own shadow root so the page's CSS cannot
 * hide it, and removed without a trace when it ends.
 */
const STYLE = `
:host { all: initial !important; }
.box { position: fixed; pointer-events: none; z-index: 2147483646; outline: 2px solid #b71c1c; background: rgba(183,28,28,.08); display: none; }
.bar { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483646; pointer-events: none; text-align: center;
  font: 14px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #fff; background: #b71c1c; padding: 6px 12px; }
`;

export interface Picking {
  /** The element clicked, or null when cancelled. */
  chosen: Promise<Element | null>;
  cancel(): void;
}

export function pickElement(doc: Document, prompt: string): Picking {
  const win = doc.defaultView!;
  const host = doc.createElement('taizhang-pick');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('div');
  box.className = 'box';
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'status');
  bar.textContent = `${prompt}（Esc 取消）`;
  root.append(style, box, bar);
  doc.documentElement.append(host);

  const stop = new AbortController();
  let settle: (el: Element | null) => void = () => undefined;
  const chosen = new Promise<Element | null>((resolve) => {
    settle = (el) => {
      stop.abort();
      host.remove();
      resolve(el);
    };
  });
  // Ours (the launcher's dock, this bar) are never picked.
  const pageElement = (t: EventTarget | null): Element | null => (t instanceof win.Element && !t.closest('taizhang-root, taizhang-pick') ? t : null);
  const on = { capture: true, signal: stop.signal };
  win.addEventListener(
    'mouseover',
    (e) => {
      const el = pageElement(e.target);
      if (!el) return;
      const r = el.getBoundingClientRect();
      Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    },
    on,
  );
  // The page sees none of the click that chooses.
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) {
    win.addEventListener(
      type,
      (e) => {
        if (!pageElement(e.target)) return;
        e.preventDefault();
        e.stopImmediatePropagation();
      },
      on,
    );
  }
  win.addEventListener(
    'click',
    (e) => {
      const el = pageElement(e.target);
      if (!el) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      settle(el);
    },
    on,
  );
  win.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      settle(null);
    },
    on,
  );
  return { chosen, cancel: () => settle(null) };
}
