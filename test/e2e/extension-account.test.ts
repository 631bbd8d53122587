/**
 * Another user or another server on the same browser, through the options page: the extension
 * starts a fresh store (new client id) so the new user syncs without "该 clientId 已属于另一位用户",
 * and a previous user's unsynced records are never dropped (or pushed as someone else's) without
 * the user confirming a Chinese warning first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { ownOaFixtures } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { configure, fillOpinion, localStorageOf, openFromLauncher, poll, saveExpecting, selectText, startRelay, type Relay } from './extension-harness';

/** One passage per capture: a passage already recorded is highlighted on the page. */
const PASSAGES: Record<string, string> = {
  张三: '各支部党员深入学院、宿舍、食堂听取师生意见建议',
  李四: '纳入问题清单统筹推进',
  王五: '各支部要将收集到的意见建议逐条登记',
  赵六: '于7月5日前报送机关党委',
};
const clientIdOf = async (ext: ExtensionBrowser) => ((await localStorageOf(ext)).meta as { clientId: string }).clientId;
const outboxOf = async (ext: ExtensionBrowser) => ((await localStorageOf(ext)).outbox as unknown[] | undefined) ?? [];
const recordKeys = async (ext: ExtensionBrowser) => Object.keys(await localStorageOf(ext)).filter((k) => k.startsWith('rec:'));

async function member(server: TestServer, name: string) {
  const m = await server.createUser(name, '机械工程学院');
  const res = await server.api('POST', '/api/v1/campaigns', { body: { title: `${name}的主题教育`, template: 'grassroots', memberIds: [m.user.id] } });
  expect(res.status).toBe(201);
  return m;
}

async function captureWithSpeaker(page: Page, speaker: string): Promise<void> {
  // The user comes back to the OA page (the options page was in front); the sidebar may still be open.
  await page.bringToFront();
  const passage = PASSAGES[speaker]!;
  await selectText(page, passage);
  const frame = await openFromLauncher(page);
  await poll(() => frame.getByTestId('tz-field-quote').inputValue()).toBe(passage);
  await fillOpinion(frame);
  await frame.getByTestId('tz-field-speaker').fill(speaker);
  await saveExpecting(frame, '意见建议已保存');
}

async function submitConnection(options: Page, serverUrl: string, token: string): Promise<void> {
  await options.getByTestId('tz-opt-server').fill(serverUrl);
  await options.getByTestId('tz-opt-token').fill(token);
  await options.getByTestId('tz-opt-test').click();
}

describe.skipIf(!browserAvailable())('changing user or server in the options page', () => {
  let server: TestServer;
  let other: TestServer;
  let fixtures: FixtureServer;
  let relay: Relay;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    server = await startTestServer({ http: true });
    other = await startTestServer({ http: true });
    fixtures = await startFixtureServer(ownOaFixtures);
    relay = await startRelay(server.url);
    ext = await launchWithExtension();
  });

  afterAll(async () => {
    await ext?.close();
    await relay?.close();
    await fixtures?.close();
    await other?.stop();
    await server?.stop();
  });

  it('a second user on the same server gets a new client id and syncs; unsynced records need confirmation before they go', async () => {
    const alice = await member(server, '艾丽');
    const carol = await member(server, '卡罗');
    await configure(ext, relay.url, alice.token, fixtures.origin);
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(fixtures.pages.find((p) => p.file === 'tongda-notify.html')!));

    // Alice's first record reaches the server.
    await captureWithSpeaker(page, '张三');
    await poll(async () => (await server.store.find('records')).length, { timeout: 15_000 }).toBe(1);
    await poll(() => outboxOf(ext), { timeout: 15_000 }).toEqual([]);
    const aliceClient = await clientIdOf(ext);

    // Carol takes over the browser: nothing unsynced, so no question; a fresh store.
    const options = await ext.context.newPage();
    await options.goto(ext.extensionUrl('options.html'));
    await submitConnection(options, relay.url, carol.token);
    await poll(() => options.getByTestId('tz-opt-status').getAttribute('data-ok')).toBe('true');
    await expect(options.getByTestId('tz-opt-status').textContent()).resolves.toContain('卡罗');
    expect(await clientIdOf(ext)).not.toBe(aliceClient);
    expect(await recordKeys(ext)).toEqual([]);

    // Carol's record syncs under her own client id: no 403, stored as hers.
    await captureWithSpeaker(page, '李四');
    await poll(async () => (await server.store.find('records')).filter((r) => r.ownerId === carol.user.id).length, { timeout: 15_000 }).toBe(1);
    await poll(() => outboxOf(ext), { timeout: 15_000 }).toEqual([]);
    expect((await server.store.find('records')).filter((r) => r.ownerId === alice.user.id)).toHaveLength(1);

    // Carol records while the server is unreachable, then someone connects to another server.
    await relay.down();
    await captureWithSpeaker(page, '王五');
    await poll(async () => (await outboxOf(ext)).length).toBe(1);
    const bob = await member(other, '鲍勃');
    const carolClient = await clientIdOf(ext);
    await submitConnection(options, other.url, bob.token);
    const warning = options.getByTestId('tz-opt-switch-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(/1 条变更尚未同步.*卡罗.*无法恢复/);
    // Nothing has changed yet: same store, same client id, the old settings still saved.
    expect(await clientIdOf(ext)).toBe(carolClient);
    expect(await outboxOf(ext)).toHaveLength(1);
    expect(((await localStorageOf(ext)).settings as { serverUrl: string }).serverUrl).toBe(relay.url);

    // Cancel keeps everything, and the fields go back to the saved server.
    await options.getByTestId('tz-opt-switch-cancel').click();
    await poll(() => options.getByTestId('tz-opt-server').inputValue()).toBe(relay.url);
    expect(await outboxOf(ext)).toHaveLength(1);

    // Asked again and confirmed: a fresh store for Bob on the other server.
    await submitConnection(options, other.url, bob.token);
    await options.getByTestId('tz-opt-switch-confirm').click();
    await poll(() => options.getByTestId('tz-opt-status').getAttribute('data-ok')).toBe('true');
    expect(await clientIdOf(ext)).not.toBe(carolClient);
    expect(await outboxOf(ext)).toEqual([]);
    expect(await recordKeys(ext)).toEqual([]);

    // Bob's record goes to his server; Carol's discarded one reaches neither server as his.
    await captureWithSpeaker(page, '赵六');
    await poll(async () => (await other.store.find('records')).length, { timeout: 15_000 }).toBe(1);
    expect((await other.store.find('records'))[0]!.ownerId).toBe(bob.user.id);
    expect((await other.store.find('records'))[0]!.fields.speaker).toBe('赵六');
    await relay.up();
    expect((await server.store.find('records')).map((r) => r.fields.speaker).sort()).toEqual(['张三', '李四']);
  });
});
