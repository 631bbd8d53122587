import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_TIME_ZONE, isKnownTimeZone, todayIn } from '../../../shared/calendar';
import type { PageContext } from '../../../shared/model/page';
import type { SiteRule, SiteRuleField } from '../../../shared/model/site-rule-shape';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model/vocabulary';
import type { SyncState } from '../../sync/engine';
import type { LocalRecord } from '../../sync/local-store';
import { ask } from '../background-client';
import type { PageLink } from '../page-link';
import { KIND_LABELS } from '../record-form-spec';
import { openRefusals } from '../refusals';
import { useCampaigns, useMe, useOutbox, useRecords, useRejections, useSyncState } from '../store-hooks';
import { PageCard, type Teaching } from './PageCard';
import { RecordForm } from './RecordForm';
import { RecordList } from './RecordList';
import { SyncBadge } from './SyncBadge';
import { TaskList } from './TaskList';

type Tab = RecordKind | 'records' | 'tasks';

/** Puts the cursor in the form's first field (not campaign or stage), so a keyboard user can type at once. */
const focusFirstField = () =>
  document.querySelector<HTMLElement>('[data-testid^="tz-field-"]:not([data-testid="tz-field-campaignId"]):not([data-testid="tz-field-stage"])')?.focus();

export interface AppProps {
  /** The form to show first (from the context-menu entry), if any. */
  initialKind: RecordKind | null;
  /** The page port to the content script of the page this sidebar is docked on (its ticket already redeemed). */
  link: PageLink;
}

export function App({ initialKind, link }: AppProps) {
  const [tab, setTab] = useState<Tab>(initialKind ?? 'opinion');
  const [context, setContext] = useState<PageContext | null>(null);
  const [contextError, setContextError] = useState('');
  const [teaching, setTeaching] = useState<Teaching | null>(null);
  const [editing, setEditing] = useState<LocalRecord | null>(null);
  const [tasksKey, setTasksKey] = useState(0);
  const syncState = useSyncState();
  const me = useMe();
  const today = todayIn(me?.timeZone && isKnownTimeZone(me.timeZone) ? me.timeZone : DEFAULT_TIME_ZONE);
  const pulledCampaigns = useCampaigns();
  const records = useRecords();
  const outbox = useOutbox();
  const refused = openRefusals(useRejections(), records);
  const campaigns = pulledCampaigns.length > 0 ? pulledCampaigns : (me?.campaigns ?? []);
  // From the click on 保存 until a sync that started after it has finished, the state shows 待同步, not a stale 已同步.
  const [savingAt, setSavingAt] = useState<number | null>(null);
  const settled = savingAt === null || (syncState?.lastSyncedAt ?? 0) > savingAt || syncState?.status === 'offline' || syncState?.status === 'error';
  useEffect(() => {
    if (savingAt !== null && settled) setSavingAt(null);
  }, [settled, savingAt]);
  const shownState: SyncState | null = settled
    ? syncState
    : { ...(syncState ?? { pending: 0 }), status: 'pending', pending: Math.max(1, syncState?.pending ?? 0) };

  // The Esc listener is set up once; it reads the pick state as it is now.
  const pickingRef = useRef(false);
  pickingRef.current = teaching?.waiting === true;
  const cancelPickRef = useRef<() => void>(() => undefined);

  const showContext = useCallback((next: PageContext) => {
    setContext(next);
    setContextError('');
  }, []);
  const close = useCallback(() => void link.request({ type: 'sidebar:close' }).catch(() => undefined), [link]);
  const cancelPick = useCallback(() => {
    setTeaching(null);
    void link.request({ type: 'pick:cancel' }).catch(() => undefined);
  }, [link]);
  cancelPickRef.current = cancelPick;
  const pick = (field: SiteRuleField) => {
    setTeaching({ field, waiting: true });
    link
      .request({ type: 'pick:start', field })
      .catch((err: unknown) => setTeaching({ field, waiting: false, result: { ok: false, message: err instanceof Error ? err.message : String(err) } }));
  };
  const shareRule = async (campaignId: string, rule: SiteRule) => {
    const { state } = await ask({ type: 'siteRule:share', campaignId, rule });
    return state === 'shared' ? '已共享给活动的全体成员' : '已提交专班，专班同意后共享给全体成员';
  };
  const forgetRule = (rule: SiteRule) => {
    setTeaching(null);
    void ask({ type: 'siteRule:forget', site: rule.site, field: rule.field }).catch(() => undefined);
  };

  // The page's context is asked for once, straight from the content script; after that the content
  // script pushes each change (navigation, new selection, shown again) over the same port.
  useEffect(() => {
    link.request({ type: 'context:get' }).then(showContext, (err: unknown) => setContextError(err instanceof Error ? err.message : String(err)));
    void ask({ type: 'me:refresh' }).catch(() => undefined);
    void ask({ type: 'sync:now' }).catch(() => undefined);
    const unlisten = link.listen((event) => {
      if (event.type === 'show') {
        // Wall-clock mark of the frame after the sidebar was (re)shown, read by the bench.
        requestAnimationFrame(() => (document.documentElement.dataset.shownAt = String(performance.timeOrigin + performance.now())));
        if (event.kind) {
          setEditing(null);
          setTab(event.kind);
        }
        showContext(event.context);
        void ask({ type: 'sync:now' }).catch(() => undefined);
        focusFirstField();
      } else if (event.type === 'context:changed') showContext(event.context);
      else if (event.type === 'picked') {
        const { field, result } = event;
        if (!result) return setTeaching(null);
        setTeaching({ field, waiting: false, result });
        // The rule is already in use on this page (the launcher has it); kept here for the next visits.
        if (result.ok) {
          ask({ type: 'siteRule:save', rule: result.rule }).catch((err: unknown) =>
            setTeaching({ field, waiting: false, result: { ok: false, message: `规则未能保存：${err instanceof Error ? err.message : String(err)}` } }),
          );
        }
      }
    });
    // Opened by the shortcut, the toolbar or the launcher: the keyboard is in the sidebar from the start.
    focusFirstField();
    // Esc ends 从页面选取 first, and only then closes the sidebar.
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && (pickingRef.current ? cancelPickRef.current() : close());
    window.addEventListener('keydown', onKey);
    return () => {
      unlisten();
      window.removeEventListener('keydown', onKey);
    };
  }, [link]);

  const tabs: [Tab, string][] = [...RECORD_KINDS.map((k): [Tab, string] => [k, KIND_LABELS[k]]), ['records', '我的记录'], ['tasks', '我的任务']];

  return (
    <div class="app" data-testid="tz-sidebar">
      <header>
        <strong>台账</strong>
        {me ? (
          <span class="who" data-testid="tz-user">
            {me.user.name} · {me.user.unit}
          </span>
        ) : (
          <span class="who muted">未连接服务器</span>
        )}
        <SyncBadge
          state={shownState}
          refused={refused}
          onSync={() =>
            void ask({ type: 'sync:now' })
              .then(() => setTasksKey((k) => k + 1))
              .catch(() => undefined)
          }
        />
        <button type="button" class="close" title="关闭（Esc）" data-testid="tz-close" onClick={close}>
          ×
        </button>
      </header>
      <nav>
        {tabs.map(([key, label]) => (
          <button
            key={key}
            type="button"
            class={tab === key ? 'active' : ''}
            data-testid={`tz-tab-${key}`}
            onClick={() => {
              setTab(key);
              setEditing(null);
            }}
          >
            {label}
          </button>
        ))}
      </nav>
      <main>
        {tab === 'records' ? (
          <RecordList
            records={records}
            outbox={outbox}
            refused={refused}
            pageUrl={context?.url ?? null}
            onEdit={(r) => {
              setEditing(r);
              setTab(r.fields.kind as RecordKind);
            }}
          />
        ) : tab === 'tasks' ? (
          <TaskList reloadKey={tasksKey} />
        ) : (
          <>
            {contextError ? (
              <div class="error">无法读取页面：{contextError}</div>
            ) : (
              <PageCard
                context={context}
                teaching={teaching}
                campaigns={campaigns}
                onPick={pick}
                onCancelPick={cancelPick}
                onShare={shareRule}
                onForget={forgetRule}
              />
            )}
            <RecordForm
              kind={tab}
              context={context}
              campaigns={campaigns}
              today={today}
              editing={editing}
              onSaved={() => setEditing(null)}
              onCancelEdit={() => setEditing(null)}
              onSaving={(active) => setSavingAt(active ? Date.now() : null)}
            />
          </>
        )}
      </main>
    </div>
  );
}
