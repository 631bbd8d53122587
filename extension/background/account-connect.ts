/**
 * Connecting the extension to a server with a token (the options page's "测试连接并保存"). The
 * local store belongs to one user on one server (sync/owner.ts): connecting as someone else, or
 * to another server, starts a fresh store — after the user agreed, when unsynced records would go.
 * The settings are saved only once the store is bound to the new owner, so the sync runner never
 * sends the old store under the new settings.
 */
import { MeSchema } from '../../shared/model/me';
import { getMe, getSettings, saveMe, saveSettings, type Settings } from '../settings/settings';
import type { LocalStore } from '../sync/local-store';
import { decideOwnerChange, hashToken, serverOrigin, type StoreOwner } from '../sync/owner';
import { askServer } from '../sync/transport';
import type { ConnectResult } from '../messaging/messages';
import type { SyncRunner } from './sync-runner';

// The reply type lives with the message contract (messaging/ must not import from background/).
export type { ConnectResult };

/** Stores from before the owner was recorded: the owner is whoever the cached `/me` named. */
async function legacyOwner(): Promise<Pick<StoreOwner, 'server' | 'userId'> | null> {
  const [settings, me] = await Promise.all([getSettings(), getMe()]);
  if (!settings.serverUrl || !me) return null;
  return { server: serverOrigin(settings.serverUrl), userId: me.user.id };
}

export async function connectAccount(store: LocalStore, runner: SyncRunner, candidate: Settings, discardPending: boolean): Promise<ConnectResult> {
  const me = await askServer(candidate, (api) => api.me.$get(), MeSchema);
  const next: StoreOwner = { server: serverOrigin(candidate.serverUrl), userId: me.user.id, tokenHash: await hashToken(candidate.token) };
  // No sync may run on the old store while it is being handed over.
  await runner.engine.idle();
  const current = (await store.owner()) ?? (await legacyOwner());
  const pending = (await store.outbox()).length;
  const decision = decideOwnerChange(current, next, pending);
  if (decision === 'confirm' && !discardPending) {
    const cached = await getMe();
    return { connected: false, pending, previousServer: current!.server, previousUser: cached?.user.id === current!.userId ? cached.user.name : null };
  }
  const startOver = decision !== 'keep';
  // Starting over takes everything of the previous user with their store: drafts, sync state, cached /me and tasks.
  if (startOver) await store.startOver(next);
  else await store.bindOwner(next);
  await saveSettings(candidate);
  await saveMe({ ...me, fetchedAt: Date.now() });
  await store.putCampaigns(me.campaigns);
  await runner.updateBadge();
  return { connected: true, ...me, startedOver: startOver };
}
