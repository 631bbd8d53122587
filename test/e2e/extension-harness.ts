/**
 * Steps the extension's browser tests share: configure server and token in the options page, add
 * an OA site, open a fixture page, select text, open the sidebar. All through the real UI.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { ownOaFixtures } from '../support/paths';
import { selectInPage } from '../support/select-in-page';

export { selectInPage };
import { startTestServer, type TestServer } from '../support/server';

/** The bits of the extension API these tests call inside the service worker. */
interface ChromeForTests {
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
  storage: { local: { get(keys: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
}

export async function configure(ext: ExtensionBrowser, serverUrl: string, token: string, oaOrigin?: string): Promise<void> {
  // Fail a stuck step with its locator in the message, well inside the 30 s test timeout.
  ext.context.setDefaultTimeout(12_000);
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('options.html'));
  await page.getByTestId('tz-opt-server').fill(serverUrl);
  await page.getByTestId('tz-opt-token').fill(token);
  await page.getByTestId('tz-opt-test').click();
  const status = page.getByTestId('tz-opt-status');
  await status.waitFor({ timeout: 10_000 });
  if ((await status.getAttribute('data-ok')) !== 'true') throw new Error(`connection test failed: ${await status.textContent()}`);
  if (oaOrigin) {
    await page.getByTestId('tz-opt-site-input').fill(oaOrigin);
    await page.getByTestId('tz-opt-site-add').click();
    await page.getByTestId('tz-opt-site').first().waitFor();
  }
  await page.close();
}

/** Selects `text` where it occurs on the page: in a text field, in the document, or in a same-origin frame. */
export async function selectText(page: Page, text: string): Promise<void> {
  if (!(await page.evaluate(selectInPage, text))) throw new Error(`text not on the page: ${text}`);
}

export function sidebar(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="tz-sidebar-frame"]');
}

/** Opens the sidebar from the launcher and waits until the form shows the page's title. */
export async function openFromLauncher(page: Page): Promise<FrameLocator> {
  // While the sidebar is open the launcher is hidden, and a new selection flows into the open form.
  if ((await page.getByTestId('tz-root').getAttribute('data-open')) !== 'true') await page.getByTestId('tz-launcher').click();
  const frame = sidebar(page);
  await frame.getByTestId('tz-page-title').waitFor({ timeout: 10_000 });
  return frame;
}

/** Fills the opinion form's required fields with the first option of each select. */
export async function fillOpinion(frame: FrameLocator, content?: string): Promise<void> {
  if (content !== undefined) await frame.getByTestId('tz-field-content').fill(content);
  for (const name of ['fromGroup', 'channel', 'category']) {
    const select = frame.getByTestId(`tz-field-${name}`);
    const value = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(value!);
  }
}

/** A passage of 12+ characters from the page's main text (text fields and same-origin frames included). */
export async function pickPassage(page: Page): Promise<string> {
  return page.evaluate(() => {
    let best = '';
    const scan = (doc: Document) => {
      for (const f of Array.from(doc.querySelectorAll('textarea'))) if (f.value.length > best.length) best = f.value;
      const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = (n as Text).parentElement;
        if (parent && /^(SCRIPT|STYLE)$/.test(parent.tagName)) continue;
        const t = (n as Text).data.trim();
        if (t.length > best.length) best = t;
      }
      for (const frame of Array.from(doc.querySelectorAll('iframe'))) if (frame.contentDocument) scan(frame.contentDocument);
    };
    scan(document);
    const start = best.search(/[\u4e00-\u9fa5]/);
    return best.slice(start, start + 14);
  });
}

/** Picks the first real option of a select in the sidebar. */
export async function chooseFirst(frame: FrameLocator, name: string): Promise<void> {
  const select = frame.getByTestId(`tz-field-${name}`);
  const value = await select.locator('option').nth(1).getAttribute('value');
  await select.selectOption(value!);
}

/** Calls the background's toolbar/shortcut handler for the page's tab (see the hook in background.ts). */
export async function toggleFromBackground(ext: ExtensionBrowser, page: Page): Promise<void> {
  const url = page.url();
  await ext.serviceWorker.evaluate(async (u) => {
    const chrome = (globalThis as unknown as { chrome: ChromeForTests }).chrome;
    const [tab] = await chrome.tabs.query({ url: `${u.split('#')[0]}*` });
    (globalThis as unknown as { __taizhang: { toggle(id: number): void } }).__taizhang.toggle(tab!.id!);
  }, url);
}

/** The extension's local storage, read from the service worker. */
export async function localStorageOf(ext: ExtensionBrowser): Promise<Record<string, unknown>> {
  return ext.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: ChromeForTests }).chrome.storage.local.get(null));
}

/**
 * A TCP relay in front of the server with a fixed address, so a test can take "the server" away
 * (connections refused) and bring it back at the same address, as a network outage looks to the extension.
 */
export interface Relay {
  url: string;
  down(): Promise<void>;
  /** Sends new connections to another server (a restarted one on a new port) at the same address. */
  retarget(target: string): void;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const net = await import('node:net');
  let { hostname, port } = new URL(target);
  const sockets = new Set<import('node:net').Socket>();
  let server: import('node:net').Server | null = null;
  let listenPort = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(port), hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listenPort, '127.0.0.1', () => {
        listenPort = (server!.address() as import('node:net').AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await listen();
  const retarget = (next: string) => ({ hostname, port } = new URL(next));
  return { url: `http://127.0.0.1:${listenPort}`, down: stop, up: listen, retarget, close: stop };
}

/** `expect.poll` with room for a loaded two-core machine running two browsers (vitest's default is 1 s). */
export function poll<T>(fn: () => T | Promise<T>, opts: { timeout?: number; interval?: number } = {}) {
  return expect.poll(fn, { timeout: 10_000, interval: 50, ...opts });
}

/** Clicks 保存 and waits for the notice; on failure reports the validation messages the form shows. */
export async function saveExpecting(frame: FrameLocator, notice: string): Promise<void> {
  await frame.getByTestId('tz-save').click();
  try {
    await poll(() =>
      frame
        .getByTestId('tz-notice')
        .textContent({ timeout: 1000 })
        .catch(() => null),
    ).toBe(notice);
  } catch (err) {
    const shown = await frame.locator('[role=alert], [data-testid=tz-notice]').allTextContents();
    const values = await frame
      .locator('[data-testid^="tz-field-"]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}=${(e as HTMLInputElement).value}`));
    throw new Error(`expected notice "${notice}"; the form shows: ${JSON.stringify(shown)}; values: ${values.join(', ')}`, { cause: err });
  }
}

/** The sidebar's sync state: synced | pending | offline | error. */
export function syncStatus(frame: FrameLocator): Promise<string | null> {
  return frame.getByTestId('tz-sync-state').getAttribute('data-status');
}

/**
 * Clicks the sync badge and waits for a sync that finished after the click: the status alone can still say
 * 已同步 from the previous round while the new one has not started.
 */
export async function syncNow(frame: FrameLocator, timeout = 10_000): Promise<void> {
  const badge = frame.getByTestId('tz-sync-state');
  const before = Number(await badge.getAttribute('data-synced-at'));
  await badge.click();
  await poll(async () => Number(await badge.getAttribute('data-synced-at')) > before && (await syncStatus(frame)) === 'synced', { timeout }).toBe(true);
}

/** Selects `sentence`, opens the sidebar, checks the quote arrived, fills and saves an opinion. */
export async function captureOpinion(page: Page, sentence: string): Promise<FrameLocator> {
  await selectText(page, sentence);
  const frame = await openFromLauncher(page);
  await poll(() => frame.getByTestId('tz-field-quote').inputValue()).toBe(sentence);
  await fillOpinion(frame);
  await saveExpecting(frame, '意见建议已保存');
  return frame;
}

/** One member in one campaign, the OA fixture pages served, and a browser with the extension connected as that member. */
export interface MemberScene {
  server: TestServer;
  fixtures: FixtureServer;
  ext: ExtensionBrowser;
  memberId: string;
  memberToken: string;
  campaignId: string;
  /** The URL of one of our own OA fixture pages. */
  pageOf(file: string): string;
  close(): Promise<void>;
}

export async function memberScene(member: { name: string; unit: string }, campaign: { title: string; template: string }): Promise<MemberScene> {
  const server = await startTestServer({ http: true });
  const { user, token } = await server.createUser(member.name, member.unit);
  const res = await server.api('POST', '/api/v1/campaigns', { body: { ...campaign, memberIds: [user.id] } });
  expect(res.status).toBe(201);
  const fixtures = await startFixtureServer(ownOaFixtures);
  const ext = await launchWithExtension();
  await configure(ext, server.url, token, fixtures.origin);
  return {
    server,
    fixtures,
    ext,
    memberId: user.id,
    memberToken: token,
    campaignId: res.body.campaign.id,
    pageOf: (file) => fixtures.urlOf(fixtures.pages.find((p) => p.file === file)!),
    async close() {
      await ext.close();
      await fixtures.close();
      await server.stop();
    },
  };
}
