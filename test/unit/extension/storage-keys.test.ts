/**
 * Every key the extension stores is declared once (extension/storage/keys.ts) with whose it is, and
 * one call forgets everything of the user (storage/user-data.ts). The table is read, not copied, so
 * a key added to it is covered here without editing this file.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { SyncRunner } from '../../../extension/background/sync-runner';
import { setUserSites } from '../../../extension/settings/oa-sites';
import { saveMe, saveSettings } from '../../../extension/settings/settings';
import { saveDraft } from '../../../extension/sidebar/drafts';
import { rememberSave } from '../../../extension/sidebar/form-memory';
import { LOCAL_KEYS, LOCAL_PREFIXES, scopeOf } from '../../../extension/storage/keys';
import { chromeLocalArea, MemoryKvArea } from '../../../extension/storage/kv-area';
import { forgetUserData, taskCache } from '../../../extension/storage/user-data';
import { LocalStore } from '../../../extension/sync/local-store';

/** One stored key per declaration: each fixed key, and one entry under each prefix. */
function declaredKeys(scope: 'user' | 'install'): string[] {
  return [
    ...Object.entries(LOCAL_KEYS)
      .filter(([, d]) => d.scope === scope)
      .map(([k]) => k),
    ...Object.entries(LOCAL_PREFIXES)
      .filter(([, d]) => d.scope === scope)
      .map(([p]) => `${p}example`),
  ];
}

const fill = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, { storedUnder: k }]));

beforeEach(() => fakeBrowser.reset());

describe('the storage key table', () => {
  it('names the user’s data as per-user and the settings as per-install', () => {
    expect(declaredKeys('user').sort()).toEqual(
      expect.arrayContaining([
        'campaigns',
        'draft:example',
        'formMemory',
        'items',
        'me',
        'meta',
        'outbox',
        'rec:example',
        'rejections',
        'syncState',
        'tasksCache',
      ]),
    );
    // How to read an OA site is about the site, not the account: taught rules stay when another user connects.
    expect(declaredKeys('install').sort()).toEqual(['oaSites', 'settings', 'siteRules']);
  });

  it('one call forgets every per-user key, prefixed ones included, and keeps every per-install key', async () => {
    const area = new MemoryKvArea();
    await area.set(fill([...declaredKeys('user'), ...declaredKeys('install')]));
    await forgetUserData(area);
    expect([...area.data.keys()].sort()).toEqual(declaredKeys('install').sort());
  });

  it('works on the browser’s local area by default and leaves session storage alone', async () => {
    await browser.storage.local.set(fill([...declaredKeys('user'), ...declaredKeys('install')]));
    await browser.storage.session.set({ sidebarGrants: { tickets: {}, frames: ['7:3'] } });
    await forgetUserData();
    expect(Object.keys(await browser.storage.local.get(null)).sort()).toEqual(declaredKeys('install').sort());
    expect(await browser.storage.session.get('sidebarGrants')).toEqual({ sidebarGrants: { tickets: {}, frames: ['7:3'] } });
  });

  it('writes the replacement last, so a switch cut short still holds the old meta', async () => {
    const area = new MemoryKvArea();
    await area.set(fill(declaredKeys('user')));
    area.failNextSet = true;
    await expect(forgetUserData(area, { meta: { clientId: 'c_new', nextMutationId: 1, cursor: null, lastHlc: null } })).rejects.toThrow();
    expect([...area.data.keys()]).toEqual(['meta']);
    expect(area.data.get('meta')).toEqual({ storedUnder: 'meta' });

    await forgetUserData(area, { meta: { clientId: 'c_new', nextMutationId: 1, cursor: null, lastHlc: null } });
    expect(area.data.get('meta')).toMatchObject({ clientId: 'c_new' });
  });

  it('declares every key the extension’s modules write', async () => {
    const store = new LocalStore(chromeLocalArea);
    await saveSettings({ serverUrl: 'https://tz.example.edu.cn', token: 'tok-0123456789abcdef' });
    await setUserSites(['https://oa.example.edu.cn/*']);
    await saveMe({ user: { id: 'u_me', name: '王芳', unit: '学生处', role: 'member' }, campaigns: [], fetchedAt: 1 });
    await saveDraft('opinion', 'https://oa.example.edu.cn/doc/1#p2', { values: { content: '草稿' }, quote: '', savedAt: 1 });
    await taskCache.set('https://tz.example.edu.cn u_me', { today: '2026-01-05', tasks: [], campaigns: [] });
    await store.saveRecord(null, { kind: 'opinion', content: '食堂' });
    await store.updateItem('i1', { progress: '推进中' });
    await store.applyPull([{ entity: 'campaign', id: 'k1', seq: 1, data: { id: 'k1' }, deleted: false }], { epoch: 'e1', seq: 1 });
    await store.acknowledge(1, [{ mutationId: 1, code: 'invalid', message: '类别不在本活动中' }]);
    await new SyncRunner(store).markPending();
    await rememberSave('opinion', { channel: '座谈会' }, '2026-01-05', 'https://oa.example.edu.cn', { campaignId: 'k1', stage: null });

    const written = Object.keys(await browser.storage.local.get(null));
    expect(written).toContain('formMemory');
    expect(written.length).toBeGreaterThanOrEqual(13);
    for (const key of written) expect(scopeOf(key), key).toBeDefined();
  });
});
