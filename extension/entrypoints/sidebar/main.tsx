import { render } from 'preact';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model/vocabulary';
import { ask } from '../../sidebar/background-client';
import { App } from '../../sidebar/components/App';
import { PageLink } from '../../sidebar/page-link';
import { awaitTicket } from '../../sidebar/ticket-handshake';
import { HOLD_MESSAGE } from '../../messaging/messages';
import '../../styles/base.css';
import '../../sidebar/sidebar.css';

const params = new URLSearchParams(location.hash.slice(1));
const requested = params.get('kind');
const initialKind = (RECORD_KINDS as readonly string[]).includes(requested ?? '') ? (requested as RecordKind) : null;
const root = document.getElementById('app')!;
/** The launcher posts the ticket (or says it comes later) as soon as this frame has loaded; a frame nobody answers is refused. */
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
// A frame the launcher loaded ahead, while the page was idle, gets its ticket only when it is shown.
if (framed) {
  window.addEventListener('message', (e) => {
    if (e.source === window.parent && (e.data as { type?: unknown } | null)?.type === HOLD_MESSAGE) clearTimeout(deadline);
  });
}
