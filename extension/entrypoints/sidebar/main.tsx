import { render } from 'preact';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model/vocabulary';
import { ask } from '../../sidebar/background-client';
import { App } from '../../sidebar/components/App';
import '../../sidebar/sidebar.css';

const params = new URLSearchParams(location.hash.slice(1));
const requested = params.get('kind');
const initialKind = (RECORD_KINDS as readonly string[]).includes(requested ?? '') ? (requested as RecordKind) : null;
const root = document.getElementById('app')!;

// Nothing shows until the background confirms that the launcher of this tab opened this frame
// (its one-time ticket is in our URL): a page framing sidebar.html itself gets only this refusal.
ask({ type: 'sidebar:hello', ticket: params.get('ticket') ?? '' }).then(
  () => {
    render(<App initialKind={initialKind} />, root);
    // When the first frame with the form is drawn, in wall-clock ms: the bench's "usable form" mark.
    requestAnimationFrame(() => (document.documentElement.dataset.readyAt = String(performance.timeOrigin + performance.now())));
  },
  (err: unknown) => {
    render(
      <div class="refused-sidebar" data-testid="tz-sidebar-refused" role="alert">
        {err instanceof Error ? err.message : '此侧栏未经台账扩展打开，已拒绝显示'}
      </div>,
      root,
    );
  },
);
