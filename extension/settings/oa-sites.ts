/**
 * OA sites: the origins where the launcher is always on. The user adds them in the options page
 * (permission requested from that click) or they come from campaigns' `oaOrigins`. The content
 * script is registered at run time for exactly the sites we hold permission for.
 */
import { browser } from 'wxt/browser';
import { localItem } from '../storage/typed-area';

const SCRIPT_ID = 'taizhang-launcher';
export const LAUNCHER_FILE = 'launcher.js';

const userSites = localItem('oaSites');

export async function getUserSites(): Promise<string[]> {
  return (await userSites.get()) ?? [];
}

export const setUserSites = (sites: string[]): Promise<void> => userSites.set([...new Set(sites)]);

/** Patterns we may run on: the user's sites plus campaign sites, filtered by granted permission. */
export async function permittedSites(campaignSites: string[]): Promise<string[]> {
  const all = [...new Set([...(await getUserSites()), ...campaignSites])];
  const out: string[] = [];
  for (const origin of all) {
    if (await browser.permissions.contains({ origins: [origin] })) out.push(origin);
  }
  return out;
}

/**
 * Makes the registered launcher script cover exactly `patterns`. Changes it in place (never
 * unregister-then-register), so a page loading meanwhile is not left without its launcher.
 */
export async function registerLauncher(patterns: string[]): Promise<void> {
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  const wanted = [...new Set(patterns)].sort();
  if (existing && wanted.length > 0 && JSON.stringify([...(existing.matches ?? [])].sort()) === JSON.stringify(wanted)) return;
  if (existing && wanted.length === 0) return browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (existing) return browser.scripting.updateContentScripts([{ id: SCRIPT_ID, matches: wanted, js: [LAUNCHER_FILE] }]);
  if (wanted.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches: wanted, js: [LAUNCHER_FILE], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}
