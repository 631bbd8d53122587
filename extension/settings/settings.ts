/** The user's server address and token, the cached `/me` answer, and the OA sites, in extension storage. */
import { browser } from 'wxt/browser';
import type { Campaign } from '../../shared/model/campaign';
import type { User } from '../../shared/model/user';
import { USER_KEYS } from '../storage/user-data';

export interface Settings {
  serverUrl: string;
  token: string;
}

export interface MeCache {
  user: User;
  campaigns: Campaign[];
  /** The server's TZ_NAME (servers before it was sent leave it out: then the default zone). */
  timeZone?: string;
  fetchedAt: number;
}

const area = () => browser.storage.local;

export async function getSettings(): Promise<Settings> {
  const got = (await area().get('settings')).settings as Partial<Settings> | undefined;
  return { serverUrl: got?.serverUrl ?? '', token: got?.token ?? '' };
}

export async function saveSettings(settings: Settings): Promise<void> {
  await area().set({ settings });
}

export async function getMe(): Promise<MeCache | null> {
  return ((await area().get(USER_KEYS.me))[USER_KEYS.me] as MeCache | undefined) ?? null;
}

export async function saveMe(me: MeCache): Promise<void> {
  await area().set({ [USER_KEYS.me]: me });
}

/** The origin the server lives at, as a host-permission match pattern. */
export function serverPattern(serverUrl: string): string {
  const u = new URL(serverUrl);
  return `${u.protocol}//${u.hostname}/*`;
}

/** Accepts "oa.example.edu.cn", "https://oa.example.edu.cn/x", or a match pattern; returns a pattern or null. */
export function toOriginPattern(input: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  const m = /^(https?|\*):\/\/([^/]+)\/\*$/.exec(raw);
  if (m) return `${m[1]}://${m[2]!.replace(/:\d+$/, '')}/*`;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    // Chrome match patterns ignore the port, so one pattern covers the host on any port.
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}
