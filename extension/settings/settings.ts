/** The user's server address and token, and the cached `/me` answer, in extension storage (storage/keys.ts). */
import type { MeCache, Settings } from '../storage/stored-shapes';
import { localItem } from '../storage/typed-area';

export type { MeCache, Settings } from '../storage/stored-shapes';

const settingsItem = localItem('settings');
const meItem = localItem('me');

export async function getSettings(): Promise<Settings> {
  // Written by older versions too: a field may be missing.
  const got: Partial<Settings> | null = await settingsItem.get();
  return { serverUrl: got?.serverUrl ?? '', token: got?.token ?? '' };
}

export const saveSettings = (settings: Settings): Promise<void> => settingsItem.set(settings);

export const getMe = (): Promise<MeCache | null> => meItem.get();

export const saveMe = (me: MeCache): Promise<void> => meItem.set(me);

/** The origin the server lives at, as a host-permission match pattern. */
export function serverPattern(serverUrl: string): string {
  const u = new URL(serverUrl);
  return `${u.protocol}//${u.hostname}/*`;
}
