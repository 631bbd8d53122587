import type { SyncState } from '../../sync/engine';
import type { Rejection } from '../../sync/local-store';
import { refusalSummary, refusalText } from '../refusals';

export interface SyncBadgeProps {
  /** The background's last published sync state (`useSyncState`). */
  state: SyncState | null;
  /** Writes the server refused that still stand (see refusals.ts). */
  refused: readonly Rejection[];
  /** Asks for a sync now. */
  onSync: () => void;
}

/** 已同步 / 待同步 N / 离线 / 出错, with the reason when there is one; a refused write is an error the user must fix. */
export function SyncBadge({ state, refused, onSync }: SyncBadgeProps) {
  const refusal = refusalSummary(refused);
  // Offline or a failing server says more about what happens next; otherwise a refusal is the news.
  const status = refusal && (state?.status ?? 'synced') !== 'offline' && state?.status !== 'error' ? 'error' : (state?.status ?? 'synced');
  const reason = status === 'error' && refusal && state?.status !== 'error' ? refusal : state?.reason;
  const text =
    status === 'synced'
      ? '已同步'
      : status === 'pending'
        ? `待同步 ${state?.pending ?? 0}`
        : status === 'offline'
          ? `离线${state?.pending ? `（待同步 ${state.pending}）` : ''}`
          : `出错：${reason ?? '未知原因'}`;
  const title = [reason ?? '立即同步', ...(refused.length > 1 ? refused.map((r) => `· ${refusalText(r)}`) : [])].join('\n');
  return (
    <button
      type="button"
      class={`sync sync-${status}`}
      data-testid="tz-sync-state"
      data-status={status}
      data-pending={state?.pending ?? 0}
      data-refused={refused.length}
      data-synced-at={state?.lastSyncedAt ?? 0}
      title={title}
      onClick={onSync}
    >
      {text}
    </button>
  );
}
