/**
 * The Firefox build, for real: Debian's firefox-esr driven over WebDriver BiDi, the Firefox test build
 * installed as a temporary add-on, set up through its options page, an OA page opened, the sidebar
 * opened from the launcher, an opinion saved, and the record read back from the server as the office.
 * Then campus IT's Firefox path: the XPI this server packs, force-installed by the policies.json the
 * server generates, written where Firefox reads enterprise policies.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxAvailable, launchFirefoxForPolicyInstall, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { startFixtureServer, type FixturePage, type FixtureServer } from '../support/fixture-server';
import { inCI, ownOaFixtures } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { ensureTestBuild } from '../support/test-build';
import { selectInPage } from './extension-harness';

const STEP = { timeout: 15_000 };

/** The bit of the extension API the test calls in the options page. */
interface ExtensionApi {
  permissions: { getAll(): Promise<{ origins: string[]; permissions: string[] }> };
}

/** Types into a field the way a user does, so Preact sees the input events. */
async function typeInto(scope: Page | Frame, testid: string, text: string): Promise<void> {
  await scope.locator(`[data-testid="${testid}"]`).setTimeout(STEP.timeout).fill(text);
}

async function click(scope: Page | Frame, selector: string): Promise<void> {
  await scope.locator(selector).setTimeout(STEP.timeout).click();
}

async function textOf(scope: Page | Frame, testid: string): Promise<string | null> {
  return scope.$eval(`[data-testid="${testid}"]`, (el) => el.textContent).catch(() => null);
}

/** Writes the opinion, takes the first choice of each required list, and saves. */
async function fillOpinionAndSave(sidebar: Frame, content: string): Promise<void> {
  await typeInto(sidebar, 'tz-field-content', content);
  for (const name of ['fromGroup', 'channel', 'category']) {
    const select = `[data-testid="tz-field-${name}"]`;
    const first = await sidebar.$eval(select, (el) => (el as HTMLSelectElement).options[1]!.value);
    await sidebar.select(select, first);
  }
  await click(sidebar, '[data-testid="tz-save"]');
}

/** Selects a passage on the page as a user's drag would (in the text field that shows it, here). */
async function selectText(page: Page, needle: string): Promise<void> {
  if (!(await page.evaluate(selectInPage, needle))) throw new Error(`text not on the page: ${needle}`);
}

describe.skipIf(!firefoxAvailable())('Firefox: the Firefox build in firefox-esr', () => {
  let server: TestServer;
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;
  let memberToken: string;
  let campaignId: string;

  beforeAll(async () => {
    const extensionDir = await ensureTestBuild('firefox');
    server = await startTestServer({ http: true });
    const member = await server.createUser('周岚', '图书馆');
    memberToken = member.token;
    const campaign = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '下基层察民情解民忧暖民心实践活动', template: 'grassroots', memberIds: [member.user.id] },
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.campaign.id;
    fixtures = await startFixtureServer(ownOaFixtures);
    firefox = await launchFirefoxWithExtension(extensionDir);
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await fixtures?.close();
    await server?.stop();
  });

  it('is set up in its options page, captures an opinion on an OA page from the sidebar, and the server has it', async () => {
    // Set-up as a cadre does it: server address and token, tested; then the campus OA site.
    const options = await firefox.openExtensionPage('options.html');
    // The test build holds the loopback origins from its install: no permission prompt below.
    const granted = await options.evaluate(() => (globalThis as unknown as { browser: ExtensionApi }).browser.permissions.getAll());
    expect(granted.origins).toEqual(expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*']));
    await typeInto(options, 'tz-opt-server', server.url);
    await typeInto(options, 'tz-opt-token', memberToken);
    await click(options, '[data-testid="tz-opt-test"]');
    await options.waitForSelector('[data-testid="tz-opt-status"]', STEP);
    expect(await textOf(options, 'tz-opt-status')).toContain('连接成功：周岚（图书馆）');
    await typeInto(options, 'tz-opt-site-input', fixtures.origin);
    await click(options, '[data-testid="tz-opt-site-add"]');
    // The list shows the site as soon as it is stored; the status comes once the launcher is registered for it.
    await options.waitForSelector('[data-testid="tz-opt-site"]', STEP);
    await options.waitForSelector('[data-testid="tz-opt-sites-status"]', STEP);
    expect(await textOf(options, 'tz-opt-sites-status')).toMatch(/^已添加 /);
    await options.close();

    // An OA page of that site: the launcher is there (registered for the site at run time).
    const pageInfo = fixtures.pages.find((p) => p.file === 'weaver-e9-workflow.html') as FixturePage & { select: string };
    const page = await firefox.browser.newPage();
    await page.goto(fixtures.urlOf(pageInfo));
    await selectText(page, pageInfo.select);
    // Test builds keep the dock's shadow root open; `>>>` reaches into it.
    await click(page, '>>> [data-testid="tz-launcher"]');
    const frameElement = await page.waitForSelector('>>> [data-testid="tz-sidebar-frame"]', STEP);
    const sidebar = (await frameElement!.contentFrame())!;
    await sidebar.waitForSelector('[data-testid="tz-page-title"]', STEP);
    expect(await textOf(sidebar, 'tz-page-title')).toBe(pageInfo.expect.title);
    await sidebar.waitForFunction(
      (quote) => (document.querySelector('[data-testid="tz-field-quote"]') as HTMLTextAreaElement | null)?.value === quote,
      STEP,
      pageInfo.select,
    );

    const content = `${pageInfo.select}（Firefox）`;
    await fillOpinionAndSave(sidebar, content);
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="tz-notice"]')?.textContent === '意见建议已保存', STEP);
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="tz-sync-state"]')?.getAttribute('data-status') === 'synced', STEP);

    // The office sees it in the consolidated list, with the page it was heard on.
    const list = await server.api('GET', `/api/v1/campaigns/${campaignId}/opinions`);
    expect(list.status).toBe(200);
    const sources = (list.body.items as Array<{ sources: Array<{ content: string; page: Record<string, unknown> | null }> }>).flatMap((it) => it.sources);
    const source = sources.find((s) => s.content === content);
    expect(source, 'the opinion saved in Firefox is on the server').toBeDefined();
    expect(source!.page).toMatchObject({ url: fixtures.urlOf(pageInfo), title: pageInfo.expect.title, quote: pageInfo.select });
    await page.close();
  }, 60_000);
});

/** Where Firefox on Linux reads enterprise policies (all profiles, all users); writing there needs root. */
const POLICY_FILE = '/etc/firefox/policies/policies.json';

function policyInstallPossible(): boolean {
  if (!firefoxAvailable()) return false;
  const root = process.getuid?.() === 0;
  if (!root && inCI) throw new Error('CI=true but this run cannot write Firefox policies (not root)');
  return root;
}

describe.skipIf(!policyInstallPossible())('Firefox: campus IT force-installs the XPI this server packs, through policies.json', () => {
  let server: TestServer;
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension | undefined;
  /** A policies.json that was there before the test (a developer's machine): put back afterwards. */
  let savedPolicy: string | undefined;

  beforeAll(async () => {
    server = await startTestServer({
      http: true,
      extension: { chromeBuildDir: await ensureTestBuild('chrome'), firefoxBuildDir: await ensureTestBuild('firefox') },
    });
    // 127.0.0.2: an OA origin the test build holds no permission for, so only the package can grant it.
    fixtures = await startFixtureServer(ownOaFixtures, '127.0.0.2');
  }, 180_000);

  afterAll(async () => {
    await firefox?.close();
    rmSync(POLICY_FILE, { force: true });
    if (savedPolicy) copyFileSync(savedPolicy, POLICY_FILE);
    await fixtures?.close();
    await server?.stop();
  });

  it('installs with the campaign OA site granted, and after the cadre connects the launcher is on that site and a record reaches the server', async () => {
    const member = await server.createUser('吴桐', '研究生院');
    const res = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '深入学习贯彻中央八项规定精神学习教育', template: 'mass-line', memberIds: [member.user.id], oaOrigins: ['http://127.0.0.2/*'] },
    });
    expect(res.status).toBe(201);
    // The policy exactly as the console's 扩展分发 page links it.
    const policyRes = await server.fetch(`${server.url}/extension/policies/firefox-policies.json`);
    expect(policyRes.status).toBe(200);
    const policy = await policyRes.text();
    const settings = JSON.parse(policy).policies.ExtensionSettings as Record<string, { installation_mode: string; install_url: string }>;
    const [addonId] = Object.keys(settings);
    expect(settings[addonId!]).toEqual({ installation_mode: 'force_installed', install_url: `${server.url}/extension/taizhang.xpi` });
    if (existsSync(POLICY_FILE)) {
      savedPolicy = `${POLICY_FILE}.before-taizhang-test-${process.pid}`;
      copyFileSync(POLICY_FILE, savedPolicy);
    }
    mkdirSync(path.dirname(POLICY_FILE), { recursive: true });
    writeFileSync(POLICY_FILE, policy);

    firefox = await launchFirefoxForPolicyInstall(addonId!);
    // Firefox fetches and installs the XPI at start; the options page exists once it has.
    let options: Page | undefined;
    for (let attempt = 0; !options; attempt++) {
      options = await firefox.openExtensionPage('options.html').catch((err: unknown) => {
        if (attempt >= 3) throw err;
        return undefined;
      });
    }
    const served = /<updatecheck [^>]*version='([\d.]+)'/.exec(await (await server.fetch(`${server.url}/extension/updates.xml`)).text())?.[1];
    const installed = await options.evaluate(() => {
      const api = (globalThis as unknown as { browser: { runtime: { getManifest(): { version: string } } } & ExtensionApi }).browser;
      return api.permissions.getAll().then((p) => ({ version: api.runtime.getManifest().version, origins: p.origins }));
    });
    // The package the server rewrote (its fourth version number), with the campaign's site granted at install.
    expect(installed.version).toBe(served);
    expect(installed.origins).toContain('http://127.0.0.2/*');

    // The cadre's only step: server and token. No OA site is added by hand.
    await typeInto(options, 'tz-opt-server', server.url);
    await typeInto(options, 'tz-opt-token', member.token);
    await click(options, '[data-testid="tz-opt-test"]');
    await options.waitForSelector('[data-testid="tz-opt-status"]', STEP);
    expect(await textOf(options, 'tz-opt-status')).toContain('连接成功：吴桐（研究生院）');
    await options.close();

    const pageInfo = fixtures.pages.find((p) => p.file === 'weaver-e9-workflow.html') as FixturePage & { select: string };
    const page = await firefox.browser.newPage();
    // The launcher is registered once /me has brought the campaign's sites; a page opened before that has none.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(fixtures.urlOf(pageInfo));
      if (await page.$('>>> [data-testid="tz-launcher"]')) break;
      if (Date.now() > deadline) throw new Error('no launcher on the campaign OA site');
      await new Promise((r) => setTimeout(r, 1000));
    }
    await selectText(page, pageInfo.select);
    await click(page, '>>> [data-testid="tz-launcher"]');
    const frameElement = await page.waitForSelector('>>> [data-testid="tz-sidebar-frame"]', STEP);
    const sidebar = (await frameElement!.contentFrame())!;
    await sidebar.waitForSelector('[data-testid="tz-page-title"]', STEP);
    const content = `${pageInfo.select}（Firefox 策略安装）`;
    await fillOpinionAndSave(sidebar, content);
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="tz-sync-state"]')?.getAttribute('data-status') === 'synced', STEP);
    const records = await server.store.find('records');
    expect(records.map((r) => (r.fields as { content?: string }).content)).toContain(content);
    await page.close();
  }, 120_000);
});
