import { render } from 'preact';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model/vocabulary';
import { App } from '../../sidebar/components/App';
import '../../sidebar/sidebar.css';

const requested = new URLSearchParams(location.hash.slice(1)).get('kind');
const initialKind = (RECORD_KINDS as readonly string[]).includes(requested ?? '') ? (requested as RecordKind) : null;
render(<App initialKind={initialKind} />, document.getElementById('app')!);
// When the first frame with the form is drawn, in wall-clock ms: the bench's "usable form" mark.
requestAnimationFrame(() => (document.documentElement.dataset.readyAt = String(performance.timeOrigin + performance.now())));
