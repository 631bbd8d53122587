import type { SyncState } from '../../sync/engine';

export interface SyncBadgeProps {
  /** The background's last published sync state (storage key `syncState`). */
  state: SyncState | null;
  /** Asks for a sync now. */
  onSync: () => void;
}

/** 已同步 / 待同步 N / 离线 / 出错, with the reason when there is one. */
export function SyncBadge({ state, onSync }: SyncBadgeProps) {
  const status = state?.status ?? 'synced';
  const text =
    status === 'synced' ? '已同步'
    : status === 'pending' ? `待同步 ${state?.pending ?? 0}`
    : status === 'offline' ? `离线${state?.pending ? `（待同步 ${state.pending}）` : ''}`
    : `出错：${state?.reason ?? '未知原因'}`;
  return (
    <button type="button" class={`sync sync-${status}`} data-testid="tz-sync-state" data-status={status} data-pending={state?.pending ?? 0} title={state?.reason ?? '立即同步'} onClick={onSync}>
      {text}
    </button>
  );
}
