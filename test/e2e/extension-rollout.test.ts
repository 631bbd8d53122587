/**
 * Campus IT's path, for real: the server packs and signs the production build, a Chromium managed policy
 * (the server's own generated file, written where Debian's Chromium reads it) force-installs it from the
 * server's update URL with no developer mode and no --load-extension, the campaign's OA site is granted
 * at install (no prompt), a record saved from the sidebar reaches the server, and a new version the
 * server packs after the office adds an OA site reaches the browser through its update check, with
 * the new site granted on update.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/browser';
import { consoleClient } from '../support/console-client';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { inCI, ownOaFixtures, projectRoot } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { fillOpinion, poll, selectText } from './extension-harness';

/** Debian's Chromium reads managed policies here; writing there needs root. */
const POLICY_DIR = '/etc/chromium/policies/managed';
const policyFile = path.join(POLICY_DIR, `taizhang-e2e-${process.pid}.json`);
/** The folders this run made for it, removed again when empty. */
let madePolicyDir: string | undefined;

function rolloutPossible(): boolean {
  const root = process.getuid?.() === 0;
  if (root && existsSync(chromiumPath)) return true;
  if (inCI) throw new Error(`CI=true but this run cannot write Chromium policies (root: ${root}) or has no Chromium at ${chromiumPath}`);
  return false;
}

interface ChromeInWorker {
  runtime: { getManifest(): { version: string }; requestUpdateCheck(): Promise<{ status: string; version?: string }>; reload(): void };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  management: unknown;
}
const inWorker = <T>(sw: Worker, fn: (chrome: ChromeInWorker) => Promise<T> | T): Promise<T> =>
  sw.evaluate(`(${fn.toString()})(globalThis.chrome)`) as Promise<T>;

interface DomNode {
  nodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** The centre of the element with `data-testid=testId`, closed shadow roots included (CDP's pierce). */
async function centreOfClosedShadowElement(page: Page, testId: string): Promise<[number, number]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (n: DomNode): DomNode | undefined => {
      const a = n.attributes ?? [];
      for (let i = 0; i < a.length; i += 2) if (a[i] === 'data-testid' && a[i + 1] === testId) return n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = find(root);
    if (!node) throw new Error(`no element with data-testid=${testId} on the page`);
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    return [(x1 + x3) / 2, (y1 + y3) / 2];
  } finally {
    await cdp.detach();
  }
}

describe.skipIf(!rolloutPossible())('campus roll-out: Chromium force-installs the extension from this server', () => {
  let buildRoot: string;
  let profile: string;
  let server: TestServer;
  let fixtures: FixtureServer;
  let context: BrowserContext | undefined;
  let token: string;
  let campaignId: string;
  let extensionId: string;
  let firstVersion: string;
  /** The OA pages live on `localhost`, the server on 127.0.0.1: the OA site's permission can only come from the package. */
  let oaUrl: (file: string) => string;

  const serviceWorkerOf = async (id: string, timeout: number): Promise<Worker> => {
    const found = context!.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${id}/`));
    if (found) return found;
    return context!.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${id}/`), timeout });
  };

  beforeAll(async () => {
    buildRoot = mkdtempSync(path.join(os.tmpdir(), 'taizhang-rollout-build-'));
    execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', TAIZHANG_OUT_DIR: buildRoot },
    });
    fixtures = await startFixtureServer(ownOaFixtures);
    const port = new URL(fixtures.origin).port;
    oaUrl = (file) => `http://localhost:${port}${fixtures.pages.find((p) => p.file === file)!.path}`;
    server = await startTestServer({ http: true, extension: { chromeBuildDir: path.join(buildRoot, 'chrome-mv3') } });
    const member = await server.createUser('李琛', '党委办公室');
    token = member.token;
    const res = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '下基层察民情解民忧暖民心实践活动', template: 'grassroots', memberIds: [member.user.id], oaOrigins: ['http://localhost/*'] },
    });
    expect(res.status).toBe(201);
    campaignId = res.body.campaign.id;
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    rmSync(policyFile, { force: true });
    // Only folders this run created, and only if nothing else was put there meanwhile.
    for (let dir = POLICY_DIR; madePolicyDir && dir.startsWith(madePolicyDir); dir = path.dirname(dir)) {
      if (readdirSync(dir).length > 0) break;
      rmdirSync(dir);
    }
    await fixtures?.close();
    await server?.stop();
    if (buildRoot) rmSync(buildRoot, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('installs from the policy with the OA site granted, and a record saved on an OA page reaches the server', async () => {
    const xml = await (await server.fetch(`${server.url}/extension/updates.xml`)).text();
    extensionId = /appid='([a-p]{32})'/.exec(xml)![1]!;
    firstVersion = /<updatecheck [^>]*version='([\d.]+)'/.exec(xml)![1]!;
    expect(firstVersion).toMatch(/^\d+\.\d+\.\d+\.1$/);
    // The policy exactly as the console's 扩展分发 page hands it to campus IT: reached from the navigation, through its link.
    const office = consoleClient(() => server);
    const home = await office.signIn(server.adminToken);
    expect(home.text).toContain('<a href="/console/extension">扩展分发</a>');
    const distribution = await office.get('/console/extension');
    expect(distribution.text).toContain(`<code data-testid="extension-id">${extensionId}</code>`);
    const link = /href="(\/extension\/policies\/chrome-linux\.json)"/.exec(distribution.text)![1]!;
    const policy = await (await server.fetch(`${server.url}${link}`)).text();
    expect(JSON.parse(policy).ExtensionSettings[extensionId].update_url).toBe(`${server.url}/extension/updates.xml`);
    // One addition for the test only: Chromium keeps DevTools (so Playwright) off extensions installed by
    // policy unless DeveloperToolsAvailability is 1; without it the service worker and the options page
    // cannot be driven. Campus machines get the file above as it is.
    madePolicyDir = mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(policyFile, JSON.stringify({ ...JSON.parse(policy), DeveloperToolsAvailability: 1 }));

    profile = mkdtempSync(path.join(os.tmpdir(), 'taizhang-rollout-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: false,
      // Playwright's defaults switch extensions and the background fetches an update check is off.
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages', '--disable-background-networking'],
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-sync', '--disable-quic', '--no-first-run'],
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(15_000);
    const sw = await serviceWorkerOf(extensionId, 90_000);
    expect(await inWorker(sw, (chrome) => chrome.runtime.getManifest().version)).toBe(firstVersion);
    // Granted at install: the campaign's OA site and the server, with nobody asked.
    const granted = await inWorker(sw, async (chrome) => (await chrome.permissions.getAll()).origins ?? []);
    expect(granted).toEqual(expect.arrayContaining(['http://localhost/*', 'http://127.0.0.1/*']));

    // The cadre's only step: server and token in the extension's own options page.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByTestId('tz-opt-server').fill(server.url);
    await options.getByTestId('tz-opt-token').fill(token);
    await options.getByTestId('tz-opt-test').click();
    await poll(() => options.getByTestId('tz-opt-status').getAttribute('data-ok'), { timeout: 15_000 }).toBe('true');
    await options.close();

    const page = await context.newPage();
    const file = 'weaver-e9-workflow.html';
    // The launcher is registered once /me has brought the campaign's sites; a page opened before that has none.
    await poll(
      async () => {
        await page.goto(oaUrl(file));
        return page.locator('taizhang-root').count();
      },
      { timeout: 30_000 },
    ).toBe(1);
    const sentence = '各单位要建立问题清单、任务清单、效果清单';
    await selectText(page, sentence);
    // The production build keeps its shadow root closed, so no locator reaches the launcher: find it
    // through DevTools' DOM (which sees closed roots) and click where it is drawn, as a person would.
    await page.mouse.click(...(await centreOfClosedShadowElement(page, 'tz-launcher')));
    await poll(() => page.frames().some((f) => f.url().endsWith('/sidebar.html')), { timeout: 10_000 }).toBe(true);
    const frame = page.frames().find((f) => f.url().endsWith('/sidebar.html'))!;
    await frame.getByTestId('tz-page-title').waitFor();
    expect(await frame.getByTestId('tz-field-quote').inputValue()).toBe(sentence);
    // A Frame answers the same locator calls as the FrameLocator the helper is written for.
    await fillOpinion(frame as unknown as FrameLocator);
    await frame.getByTestId('tz-save').click();
    await poll(async () => (await server.store.find('records')).length, { timeout: 20_000 }).toBe(1);
    const [record] = await server.store.find('records');
    expect(record!.fields).toMatchObject({ kind: 'opinion', content: sentence, page: { quote: sentence } });
    expect((record!.fields as { page: { url: string } }).page.url).toContain('http://localhost:');
  }, 180_000);

  it('picks up the version the server packs after the office adds an OA site, with that site granted on update', async () => {
    expect(context, 'the install above must have run').toBeDefined();
    const added = 'https://oa2.example.edu.cn/*';
    const patch = await server.api('PATCH', `/api/v1/campaigns/${campaignId}/settings`, { body: { oaOrigins: ['http://localhost/*', added] } });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const xml = await (await server.fetch(`${server.url}/extension/updates.xml`)).text();
    const nextVersion = /<updatecheck [^>]*version='([\d.]+)'/.exec(xml)![1]!;
    expect(nextVersion).toBe(firstVersion.replace(/\.1$/, '.2'));

    const sw = await serviceWorkerOf(extensionId, 10_000);
    // What `--extensions-update-frequency` or Chrome's own five-hour timer would do, now: ask the server.
    // The update is downloaded and unpacked, then announced (onUpdateAvailable); an extension that listens
    // gets it on its next reload, one that does not when its service worker goes idle. We reload at once.
    const { check, announced } = await inWorker(sw, async (chrome) => {
      const runtime = chrome.runtime as unknown as { onUpdateAvailable: { addListener(f: (d: { version: string }) => void): void } };
      const ready = new Promise<string>((resolve) => runtime.onUpdateAvailable.addListener((d) => resolve(d.version)));
      const check = await chrome.runtime.requestUpdateCheck();
      const announced = await Promise.race([ready, new Promise<string>((r) => setTimeout(() => r('not announced in 30 s'), 30_000))]);
      setTimeout(() => chrome.runtime.reload(), 100);
      return { check, announced };
    });
    expect(check).toMatchObject({ status: 'update_available', version: nextVersion });
    expect(announced).toBe(nextVersion);
    let version = '';
    await poll(
      async () => {
        const w = await serviceWorkerOf(extensionId, 5_000).catch(() => null);
        version = w ? await inWorker(w, (chrome) => chrome.runtime.getManifest().version).catch(() => '') : '';
        return version;
      },
      { timeout: 60_000 },
    ).toBe(nextVersion);
    const w = await serviceWorkerOf(extensionId, 5_000);
    expect(await inWorker(w, async (chrome) => (await chrome.permissions.getAll()).origins ?? [])).toEqual(
      expect.arrayContaining([added, 'http://localhost/*']),
    );
  }, 120_000);
});
