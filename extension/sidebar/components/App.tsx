import { useCallback, useEffect, useState } from 'preact/hooks';
import { USER_KEYS } from '../../storage/user-data';
import { DEFAULT_TIME_ZONE, isKnownTimeZone, todayIn } from '../../../shared/calendar';
import { browser } from 'wxt/browser';
import type { Campaign } from '../../../shared/model/campaign';
import type { PageContext } from '../../../shared/model/page';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model/vocabulary';
import { SIDEBAR_PORT, type SidebarEvent } from '../../messaging/messages';
import type { MeCache } from '../../settings/settings';
import type { SyncState } from '../../sync/engine';
import type { LocalRecord, Rejection } from '../../sync/local-store';
import type { OutboxMutation } from '../../sync/outbox';
import { ask } from '../background-client';
import { KIND_LABELS } from '../record-form-spec';
import { openRefusals } from '../refusals';
import { useStored, useStoredPrefix } from '../use-stored';
import { PageCard } from './PageCard';
import { RecordForm } from './RecordForm';
import { RecordList } from './RecordList';
import { SyncBadge } from './SyncBadge';
import { TaskList } from './TaskList';

type Tab = RecordKind | 'records' | 'tasks';

export interface AppProps {
  /** The form to show first (from the context-menu entry), if any. */
  initialKind: RecordKind | null;
}

export function App({ initialKind }: AppProps) {
  const [tab, setTab] = useState<Tab>(initialKind ?? 'opinion');
  const [context, setContext] = useState<PageContext | null>(null);
  const [contextError, setContextError] = useState('');
  const [editing, setEditing] = useState<LocalRecord | null>(null);
  const [tasksKey, setTasksKey] = useState(0);
  const syncState = useStored<SyncState | null>(USER_KEYS.syncState, null);
  const me = useStored<MeCache | null>(USER_KEYS.me, null);
  const today = todayIn(me?.timeZone && isKnownTimeZone(me.timeZone) ? me.timeZone : DEFAULT_TIME_ZONE);
  const campaignMap = useStored<Record<string, Campaign>>('campaigns', {});
  const records = useStoredPrefix<LocalRecord>('rec:');
  const outbox = useStored<OutboxMutation[]>('outbox', []);
  const refused = openRefusals(useStored<Rejection[]>('rejections', []), records);
  const campaigns = Object.values(campaignMap).length > 0 ? Object.values(campaignMap) : (me?.campaigns ?? []);
  // From the click on 保存 until a sync that started after it has finished, the state shows 待同步, not a stale 已同步.
  const [savingAt, setSavingAt] = useState<number | null>(null);
  const settled = savingAt === null || (syncState?.lastSyncedAt ?? 0) > savingAt || syncState?.status === 'offline' || syncState?.status === 'error';
  useEffect(() => {
    if (savingAt !== null && settled) setSavingAt(null);
  }, [settled, savingAt]);
  const shownState: SyncState | null = settled ? syncState : { ...(syncState ?? { pending: 0 }), status: 'pending', pending: Math.max(1, syncState?.pending ?? 0) };

  const readContext = useCallback(async () => {
    try {
      setContext(await ask({ type: 'context:get' }));
      setContextError('');
    } catch (err) {
      setContextError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  useEffect(() => {
    void readContext();
    void ask({ type: 'me:refresh' }).catch(() => undefined);
    const port = browser.runtime.connect({ name: SIDEBAR_PORT });
    port.onMessage.addListener((event: SidebarEvent) => {
      if (event.type === 'show') {
        // Wall-clock mark of the frame after the sidebar was (re)shown, read by the bench.
        requestAnimationFrame(() => (document.documentElement.dataset.shownAt = String(performance.timeOrigin + performance.now())));
        if (event.kind) {
          setEditing(null);
          setTab(event.kind);
        }
        void readContext();
        document.querySelector<HTMLElement>('[data-testid^="tz-field-"]:not([data-testid="tz-field-campaignId"]):not([data-testid="tz-field-stage"])')?.focus();
      } else if (event.type === 'context:changed') void readContext();
    });
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && void ask({ type: 'sidebar:close' }).catch(() => undefined);
    window.addEventListener('keydown', onKey);
    return () => {
      port.disconnect();
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const tabs: [Tab, string][] = [...RECORD_KINDS.map((k): [Tab, string] => [k, KIND_LABELS[k]]), ['records', '我的记录'], ['tasks', '我的任务']];

  return (
    <div class="app" data-testid="tz-sidebar">
      <header>
        <strong>台账</strong>
        {me ? <span class="who" data-testid="tz-user">{me.user.name} · {me.user.unit}</span> : <span class="who muted">未连接服务器</span>}
        <SyncBadge state={shownState} refused={refused} onSync={() => void ask({ type: 'sync:now' }).then(() => setTasksKey((k) => k + 1)).catch(() => undefined)} />
        <button type="button" class="close" title="关闭（Esc）" data-testid="tz-close" onClick={() => void ask({ type: 'sidebar:close' })}>×</button>
      </header>
      <nav>
        {tabs.map(([key, label]) => (
          <button key={key} type="button" class={tab === key ? 'active' : ''} data-testid={`tz-tab-${key}`} onClick={() => { setTab(key); setEditing(null); }}>
            {label}
          </button>
        ))}
      </nav>
      <main>
        {tab === 'records' ? (
          <RecordList records={records} outbox={outbox} refused={refused} pageUrl={context?.url ?? null} onEdit={(r) => { setEditing(r); setTab(r.fields.kind as RecordKind); }} />
        ) : tab === 'tasks' ? (
          <TaskList reloadKey={tasksKey} />
        ) : (
          <>
            {contextError ? <div class="error">无法读取页面：{contextError}</div> : <PageCard context={context} />}
            <RecordForm kind={tab} context={context} campaigns={campaigns} today={today} editing={editing} onSaved={() => setEditing(null)} onCancelEdit={() => setEditing(null)} onSaving={(active) => setSavingAt(active ? Date.now() : null)} />
          </>
        )}
      </main>
    </div>
  );
}
