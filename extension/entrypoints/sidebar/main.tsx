import { render } from 'preact';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model/vocabulary';
import { ask } from '../../sidebar/background-client';
import { App } from '../../sidebar/components/App';
import { PageLink } from '../../sidebar/page-link';
import { awaitTicket } from '../../sidebar/ticket-handshake';
import { HOLD_MESSAGE, NO_TICKET_MESSAGE } from '../../messaging/messages';
import '../../styles/base.css';
import '../../sidebar/sidebar.css';

const params = new URLSearchParams(location.hash.slice(1));
const requested = params.get('kind');
const initialKind = (RECORD_KINDS as readonly string[]).includes(requested ?? '') ? (requested as RecordKind) : null;
const root = document.getElementById('app')!;
/** The launcher says the ticket is coming (or posts it) as soon as this frame has loaded; a frame nobody answers is refused. */
const TICKET_WAIT_MS = 4_000;

let shown = false;
let refusal = '此侧栏未经台账扩展打开，已拒绝显示';

function refuse(): void {
  if (shown) return;
  render(
    <div class="refused-sidebar" data-testid="tz-sidebar-refused" role="alert">
      {refusal}
    </div>,
    root,
  );
}

// Nothing shows until the background confirms that the launcher of this tab opened this frame.
// The launcher posts its one-time ticket here (never in our URL) with our end of the page port; the
// port is read only once the ticket is redeemed (sidebar/ticket-handshake.ts). The host page shares
// the launcher's window, so it can post too — but not the ticket; a wrong one is only a refusal.
const framed = window.parent !== window;
if (framed) {
  awaitTicket(window, window.parent, {
    redeem: async (ticket) => void (await ask({ type: 'sidebar:hello', ticket })),
    linked: (port) => {
      if (shown) return port.close();
      shown = true;
      render(<App initialKind={initialKind} link={new PageLink(port)} />, root);
      // When the first frame with the form is drawn, in wall-clock ms: the bench's "usable form" mark.
      requestAnimationFrame(() => (document.documentElement.dataset.readyAt = String(performance.timeOrigin + performance.now())));
    },
    refused: (reason) => {
      refusal = reason;
      refuse();
    },
  });
}
const deadline = setTimeout(refuse, framed ? TICKET_WAIT_MS : 0);
// The launcher says the ticket is coming (a frame loaded ahead gets it only when shown; a busy
// background may take a while), or that none could be had.
if (framed) {
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent) return;
    const type = (e.data as { type?: unknown } | null)?.type;
    if (type === HOLD_MESSAGE) clearTimeout(deadline);
    if (type === NO_TICKET_MESSAGE) {
      refusal = '暂时连接不上台账扩展，请关闭侧栏后重新打开';
      refuse();
    }
  });
}
