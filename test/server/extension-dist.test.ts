/**
 * /extension over the real app and a real data directory: the packages made from a build folder, the
 * signing key kept (0600) across restarts, the version that rises only when the content changes, the
 * 503 / 404 answers in Chinese, the policy files and the console's 扩展分发 page.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { extensionIdOf } from '../../server/extension-dist/crx3';
import { ExtensionDistribution } from '../../server/extension-dist/distribution';
import type { Store } from '../../server/store/store';
import { openFileStore } from '../../server/store/open';
import { MemoryDisk } from '../../server/store/memory-disk';
import { consoleClient } from '../support/console-client';
import { readCrx3 } from '../support/crx3-reader';
import { startTestServer, type TestServer } from '../support/server';

const work = mkdtempSync(path.join(os.tmpdir(), 'taizhang-dist-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stand-in for `wxt build` output: a manifest and a script. */
function fakeBuild(name: string, manifest: Record<string, unknown>): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'chunks'), { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: '台账', version: '0.1.0', host_permissions: [], ...manifest }));
  writeFileSync(path.join(dir, 'chunks/background.js'), 'console.log("background")');
  return dir;
}

const versionIn = (xml: string) => /<updatecheck [^>]*version='([\d.]+)'/.exec(xml)?.[1];

describe('the extension packages', () => {
  let t: TestServer;
  let campaignId: string;
  const chrome = fakeBuild('chrome-mv3', {});

  beforeAll(async () => {
    t = await startTestServer({ disk: true, extension: { chromeBuildDir: chrome, extraSites: ['https://mail.example.edu.cn/*'] } });
    const res = await t.api('POST', '/api/v1/campaigns', { body: { title: '活动', template: 'mass-line', oaOrigins: ['https://oa.example.edu.cn/*'] } });
    campaignId = res.body.campaign.id;
  });
  afterAll(() => t?.stop());

  it('serves a CRX3 signed by the key kept in the store (and in its files on disk), whose manifest points back here and holds the OA sites', async () => {
    const res = await t.fetch(`${t.url}/extension/taizhang.crx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-chrome-extension');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const crx = readCrx3(bytes);
    expect(crx.signatureValid).toBe(true);
    const stored = (await t.store.get('deployment', 'extension-signing-key'))!.value as { pem: string };
    expect(crx.id).toBe(extensionIdOf(createPrivateKey(stored.pem)));
    // Never served: not through any route a browser or a member can reach.
    for (const route of ['/extension/updates.xml', '/extension/policies/chrome-linux.json']) {
      expect(await (await t.fetch(`${t.url}${route}`)).text()).not.toContain('PRIVATE KEY');
    }
    const manifest = JSON.parse(await (await JSZip.loadAsync(crx.zip)).file('manifest.json')!.async('string'));
    expect(manifest.update_url).toBe(`${t.url}/extension/updates.xml`);
    expect(manifest.host_permissions).toEqual(['http://taizhang.test/*', 'https://mail.example.edu.cn/*', 'https://oa.example.edu.cn/*']);
    expect(manifest.version).toMatch(/^0\.1\.0\.\d+$/);

    const xml = await (await t.fetch(`${t.url}/extension/updates.xml`)).text();
    expect(xml).toContain(`<app appid='${crx.id}'>`);
    expect(xml).toContain(`codebase='${t.url}/extension/taizhang.crx'`);
    expect(versionIn(xml)).toBe(manifest.version);
  });

  it('keeps the id and the version across a restart, and gives a new version when the OA sites change, never an old one again', async () => {
    const before = await (await t.fetch(`${t.url}/extension/updates.xml`)).text();
    await t.restart();
    const after = await (await t.fetch(`${t.url}/extension/updates.xml`)).text();
    expect(after).toBe(before);
    const v1 = versionIn(before)!;
    const bump = (v: string, by: number) => v.replace(/\d+$/, (n) => String(Number(n) + by));

    expect((await t.api('PATCH', `/api/v1/campaigns/${campaignId}/settings`, { body: { oaOrigins: ['https://oa2.example.edu.cn/*'] } })).status).toBe(200);
    expect(versionIn(await (await t.fetch(`${t.url}/extension/updates.xml`)).text())).toBe(bump(v1, 1));
    // Back to the first sites: the content is the first one's, but browsers only move up, so a new number.
    expect((await t.api('PATCH', `/api/v1/campaigns/${campaignId}/settings`, { body: { oaOrigins: ['https://oa.example.edu.cn/*'] } })).status).toBe(200);
    expect(versionIn(await (await t.fetch(`${t.url}/extension/updates.xml`)).text())).toBe(bump(v1, 2));
  });

  it('answers 404 in Chinese for the XPI when there is no Firefox build, and for a policy it does not have', async () => {
    const xpi = await t.api('GET', '/extension/taizhang.xpi', { token: null });
    expect(xpi.status).toBe(404);
    expect(xpi.body.error.message).toMatch(/没有 Firefox 构建/);
    const missing = await t.api('GET', '/extension/policies/nope.reg', { token: null });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('没有这个策略文件');
  });

  it('serves every policy file without a token, each naming this deployment’s id and update URL', async () => {
    const xml = await (await t.fetch(`${t.url}/extension/updates.xml`)).text();
    const id = /appid='([a-p]{32})'/.exec(xml)![1]!;
    for (const name of ['chrome-windows.reg', 'edge-windows.reg', 'chrome-linux.json', 'edge-linux.json', 'taizhang.mobileconfig']) {
      const res = await t.fetch(`${t.url}/extension/policies/${name}`);
      expect(res.status, name).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      // regedit reads "Version 5.00" files as UTF-16LE with a BOM; the rest are UTF-8.
      const reg = name.endsWith('.reg');
      if (reg) expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
      const body = reg ? bytes.toString('utf16le').slice(1) : bytes.toString('utf8');
      if (reg) expect(body.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
      expect(body, name).toContain(id);
      expect(body, name).toContain(`${t.url}/extension/updates.xml`);
    }
  });

  it('shows the 扩展分发 page to a signed-in admin only, linked from every console page', async () => {
    const office = consoleClient(() => t);
    const anonymous = await office.get('/console/extension');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain('/console/login');
    const home = await office.signIn(t.adminToken);
    expect(home.text).toContain('<a href="/console/extension">扩展分发</a>');
    const page = await office.get('/console/extension');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/extension/updates.xml');
    expect(page.text).toContain('https://oa.example.edu.cn/*');
    expect(page.text.match(/data-testid="policy-file"/g)).toHaveLength(5);
    expect(page.text).toContain('ExtensionInstallForcelist');
  });
});

describe('when the server cannot pack', () => {
  it('answers 503 with the reason in Chinese, on the routes and the console page, never a 500', async () => {
    const t = await startTestServer({ extension: { chromeBuildDir: path.join(work, 'not-built') } });
    try {
      for (const p of ['/extension/updates.xml', '/extension/taizhang.crx', '/extension/taizhang.xpi', '/extension/policies/chrome-linux.json']) {
        const res = await t.api('GET', p, { token: null });
        expect(res.status, p).toBe(503);
        expect(res.body.error.message, p).toMatch(/找不到扩展构建目录.*npm run build/);
      }
      const office = consoleClient(() => t);
      await office.signIn(t.adminToken);
      const page = await office.get('/console/extension');
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/暂时无法分发扩展[\s\S]*找不到扩展构建目录/);
    } finally {
      await t.stop();
    }
  });

  it('packs the Firefox build as an XPI when there is one', async () => {
    const firefox = fakeBuild('firefox-mv3', { browser_specific_settings: { gecko: { id: 'taizhang@taizhang.edu.cn' } } });
    const t = await startTestServer({ extension: { chromeBuildDir: fakeBuild('chrome-2', {}), firefoxBuildDir: firefox } });
    try {
      const res = await t.fetch(`${t.url}/extension/taizhang.xpi`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-xpinstall');
      const manifest = JSON.parse(await (await JSZip.loadAsync(await res.arrayBuffer())).file('manifest.json')!.async('string'));
      expect(manifest.update_url).toBeUndefined();
      expect(manifest.version).toBe('0.1.0.1');
      const policy = await (await t.fetch(`${t.url}/extension/policies/firefox-policies.json`)).json();
      expect(policy.policies.ExtensionSettings['taizhang@taizhang.edu.cn'].install_url).toBe(`${t.url}/extension/taizhang.xpi`);
    } finally {
      await t.stop();
    }
  });
});

describe('packing while the OA sites change', () => {
  it('gives two packings asked for at once, for different sites, two different version numbers', async () => {
    let sites = ['https://a.example.edu.cn/*'];
    // A real store whose campaigns are swapped out between two calls, faster than any transaction could.
    const real = await openFileStore('/taizhang', { disk: new MemoryDisk() });
    const store = Object.assign(Object.create(real) as Store, { find: async () => [{ oaOrigins: sites }] });
    const dist = new ExtensionDistribution({
      store,
      chromeBuildDir: fakeBuild('chrome-3', {}),
      publicUrl: () => 'https://tz.example.edu.cn',
    });
    const first = dist.current();
    sites = ['https://b.example.edu.cn/*'];
    const second = dist.current();
    const [a, b] = await Promise.all([first, second]);
    expect(a.hostPermissions).toContain('https://a.example.edu.cn/*');
    expect(b.hostPermissions).toContain('https://b.example.edu.cn/*');
    expect([a.version, b.version]).toEqual(['0.1.0.1', '0.1.0.2']);
    await real.close();
  });
});

describe('packing off the event loop', () => {
  it('answers other requests while it packs a 4 MB build (300 files) and makes a new key', async () => {
    const dir = fakeBuild('big', {});
    for (let i = 0; i < 300; i++) writeFileSync(path.join(dir, 'chunks', `part-${i}.js`), randomBytes(14_000).toString('base64'));
    const t = await startTestServer({ extension: { chromeBuildDir: dir } });
    try {
      // The update check is what packs (lazily, once); health checks sent meanwhile must not wait for it.
      // Order, not a stopwatch: if packing held the event loop, no health answer could come before the pack's.
      const finished: string[] = [];
      const packing = t.fetch(`${t.url}/extension/updates.xml`).then((res) => {
        finished.push('pack');
        return res.status;
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const health = await t.fetch(`${t.url}/healthz`);
      finished.push('health');
      expect(health.status).toBe(200);
      expect(await packing).toBe(200);
      expect(finished).toEqual(['health', 'pack']);
      const crx = await t.fetch(`${t.url}/extension/taizhang.crx`);
      expect((await crx.arrayBuffer()).byteLength).toBeGreaterThan(3_000_000);
    } finally {
      await t.stop();
    }
  });
});

describe('settings', () => {
  it('OA_SITES takes match patterns separated by commas or spaces and refuses anything else in Chinese; builds have defaults', () => {
    expect(readConfig({ OA_SITES: 'https://oa.example.edu.cn/*, http://10.1.2.3/*' }).OA_SITES).toEqual(['https://oa.example.edu.cn/*', 'http://10.1.2.3/*']);
    expect(readConfig({}).OA_SITES).toEqual([]);
    expect(() => readConfig({ OA_SITES: 'oa.example.edu.cn' })).toThrow(/^环境变量 OA_SITES.* 无效：OA 网址格式应如/);
    expect(readConfig({}).EXTENSION_BUILD_DIR).toBe('.output/chrome-mv3');
    expect(() => readConfig({ PUBLIC_URL: 'taizhang.example.edu.cn' })).toThrow(/^环境变量 PUBLIC_URL 无效：应为完整网址/);
  });
});
