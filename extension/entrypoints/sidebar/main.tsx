import { render } from 'preact';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model/vocabulary';
import { TICKET_MESSAGE } from '../../messaging/messages';
import { ask } from '../../sidebar/background-client';
import { App } from '../../sidebar/components/App';
import '../../sidebar/sidebar.css';

const params = new URLSearchParams(location.hash.slice(1));
const requested = params.get('kind');
const initialKind = (RECORD_KINDS as readonly string[]).includes(requested ?? '') ? (requested as RecordKind) : null;
const root = document.getElementById('app')!;
/** The launcher posts the ticket as soon as this frame has loaded; a frame nobody hands one to is refused. */
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
// The launcher posts its one-time ticket here (never in our URL). The host page shares the
// launcher's window, so it can post too — but not the ticket; a wrong one is only a refusal.
function redeem(ticket: string): void {
  ask({ type: 'sidebar:hello', ticket }).then(
    () => {
      if (shown) return;
      shown = true;
      render(<App initialKind={initialKind} />, root);
      // When the first frame with the form is drawn, in wall-clock ms: the bench's "usable form" mark.
      requestAnimationFrame(() => (document.documentElement.dataset.readyAt = String(performance.timeOrigin + performance.now())));
    },
    (err: unknown) => {
      if (err instanceof Error) refusal = err.message;
      refuse();
    },
  );
}

const framed = window.parent !== window;
if (framed) {
  window.addEventListener('message', (e: MessageEvent) => {
    const data = e.data as { type?: unknown; ticket?: unknown } | null;
    if (e.source !== window.parent || data?.type !== TICKET_MESSAGE || typeof data.ticket !== 'string' || data.ticket.length > 100) return;
    redeem(data.ticket);
  });
}
setTimeout(refuse, framed ? TICKET_WAIT_MS : 0);
