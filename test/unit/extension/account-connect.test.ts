/**
 * Connecting the extension to a server with a token (extension/background/account-connect.ts), on
 * WXT's fake browser with the network replaced: the same user keeps their store, another user or
 * server starts from an empty one with nothing of the previous user left, and unsynced changes are
 * never thrown away without the user's word.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { connectAccount } from '../../../extension/background/account-connect';
import { SyncRunner } from '../../../extension/background/sync-runner';
import { getMe, getSettings } from '../../../extension/settings/settings';
import { saveDraft } from '../../../extension/sidebar/drafts';
import { chromeLocalArea } from '../../../extension/storage/kv-area';
import { LOCAL_KEYS, scopeOf } from '../../../extension/storage/keys';
import { LocalStore } from '../../../extension/sync/local-store';
import { hashToken } from '../../../extension/sync/owner';
import { FakeServerFetch } from './fake-server-fetch';
import { opinionFields } from './fixtures';

const SERVER = 'https://tz.example.edu.cn';
const ALICE = 'tok-alice-0123456789';
const ALICE_RENEWED = 'tok-alice-renewed-0001';
const BOB = 'tok-bob-0123456789ab';
const opinion = opinionFields;

let net: FakeServerFetch;
let store: LocalStore;
let runner: SyncRunner;
const connect = (token: string, discardPending = false, serverUrl = SERVER) => connectAccount(store, runner, { serverUrl, token }, discardPending);
const stored = () => browser.storage.local.get(null) as Promise<Record<string, unknown>>;

beforeEach(() => {
  fakeBrowser.reset();
  net = new FakeServerFetch();
  const alice = { id: 'u_alice', name: '王芳', unit: '学生处', role: 'member' as const };
  net.users.set(ALICE, alice).set(ALICE_RENEWED, alice).set(BOB, { id: 'u_bob', name: '李强', unit: '后勤处', role: 'member' });
  vi.stubGlobal('fetch', net.fetch);
  store = new LocalStore(chromeLocalArea);
  runner = new SyncRunner(store);
});
afterEach(() => vi.unstubAllGlobals());

describe('connecting an account', () => {
  it('binds a new store to the server, the user and the token, then saves the settings and /me', async () => {
    const result = await connect(ALICE);
    expect(result).toMatchObject({ connected: true, user: { id: 'u_alice' }, startedOver: false });
    expect(await store.owner()).toEqual({ server: SERVER, userId: 'u_alice', tokenHash: await hashToken(ALICE) });
    expect(await getSettings()).toEqual({ serverUrl: SERVER, token: ALICE });
    expect((await getMe())?.user.name).toBe('王芳');
  });

  it('the same user with a renewed token keeps client id, records and outbox', async () => {
    await connect(ALICE);
    const saved = await store.saveRecord(null, opinion('食堂'));
    const { clientId } = await store.meta();

    expect(await connect(ALICE_RENEWED)).toMatchObject({ connected: true, startedOver: false });
    expect(await store.meta()).toMatchObject({ clientId, owner: { userId: 'u_alice', tokenHash: await hashToken(ALICE_RENEWED) } });
    expect((await store.getRecord(saved.id))?.fields.content).toBe('食堂');
    expect(await store.outbox()).toHaveLength(1);
  });

  it('another user, nothing unsynced: an empty store under a new client id, nothing of the previous user left', async () => {
    await connect(ALICE);
    await store.saveRecord(null, opinion('王芳听到的意见'));
    await runner.run();
    expect(await store.outbox()).toEqual([]);
    await saveDraft('opinion', 'https://oa.example.edu.cn/doc/1', { values: { content: '王芳的草稿' }, quote: '', savedAt: 1 });
    const { clientId } = await store.meta();

    expect(await connect(BOB)).toMatchObject({ connected: true, user: { id: 'u_bob' }, startedOver: true });
    const after = await stored();
    expect(JSON.stringify(after)).not.toMatch(/王芳|u_alice/);
    expect(await store.listRecords()).toEqual([]);
    expect(await store.meta()).toMatchObject({ cursor: null, nextMutationId: 1, owner: { userId: 'u_bob' } });
    expect((await store.meta()).clientId).not.toBe(clientId);
    // Per-user keys left are only those written for Bob since.
    const userKeys = Object.keys(after).filter((k) => scopeOf(k) === 'user');
    expect(userKeys.every((k) => k in LOCAL_KEYS)).toBe(true);
    expect(await getSettings()).toEqual({ serverUrl: SERVER, token: BOB });
  });

  it('another server counts as another owner even for the same user id', async () => {
    await connect(ALICE);
    expect(await connect(ALICE, false, 'https://tz2.example.edu.cn')).toMatchObject({ connected: true, startedOver: true });
    expect(await store.owner()).toMatchObject({ server: 'https://tz2.example.edu.cn' });
  });

  it('another user while records are unsynced: asks first and changes nothing', async () => {
    await connect(ALICE);
    net.online = false;
    const saved = await store.saveRecord(null, opinion('未同步的意见'));
    net.online = true;
    const before = await stored();

    expect(await connect(BOB)).toEqual({ connected: false, pending: 1, previousServer: SERVER, previousUser: '王芳' });
    expect(await stored()).toEqual(before);
    expect((await store.getRecord(saved.id))?.fields.content).toBe('未同步的意见');
  });

  it('with the user’s word, the unsynced records go and the new user starts over', async () => {
    await connect(ALICE);
    await store.saveRecord(null, opinion('未同步的意见'));
    expect(await connect(BOB, true)).toMatchObject({ connected: true, startedOver: true });
    expect(await store.outbox()).toEqual([]);
    expect(await store.listRecords()).toEqual([]);
  });

  it('a token the server refuses changes nothing', async () => {
    await connect(ALICE);
    const before = await stored();
    await expect(connect('tok-unknown-000000000')).rejects.toThrow('令牌无效');
    expect(await stored()).toEqual(before);
  });

  it('a store from before owners were recorded belongs to whoever its cached /me names', async () => {
    // What an older version left: settings, /me and an unsynced record, but no owner in the meta.
    await browser.storage.local.set({
      settings: { serverUrl: SERVER, token: ALICE },
      me: { user: { id: 'u_alice', name: '王芳', unit: '学生处', role: 'member' }, campaigns: [], fetchedAt: 1 },
    });
    await store.saveRecord(null, opinion('旧版本的意见'));
    expect(await store.owner()).toBeNull();
    expect(await connect(BOB)).toMatchObject({ connected: false, pending: 1, previousUser: '王芳' });
  });

  it('waits for a running sync to end before handing the store over', async () => {
    await connect(ALICE);
    await store.saveRecord(null, opinion('食堂'));
    let finishSync!: () => void;
    const syncing = new Promise<void>((r) => (finishSync = r));
    const idle = vi.spyOn(runner.engine, 'idle').mockReturnValue(syncing);
    const connecting = connect(BOB, true);
    await new Promise((r) => setTimeout(r, 10));
    expect(await store.listRecords()).toHaveLength(1);
    finishSync();
    expect(await connecting).toMatchObject({ startedOver: true });
    expect(idle).toHaveBeenCalled();
    expect(await store.listRecords()).toEqual([]);
  });
});
