/**
 * The real builds, not the test build: `wxt build` (Chrome) ships no test hook, and
 * `npm run build:firefox` produces a Firefox MV3 manifest with the same permissions model.
 * Each builds into a temporary directory, leaving `.output/chrome-mv3-test` to the browser tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths';

const outDirs: string[] = [];

/** Runs `wxt build` with the given arguments into a fresh temp dir; returns the built folder. */
function build(args: string[], folder: string): string {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-build-'));
  outDirs.push(outDir);
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', TAIZHANG_OUT_DIR: outDir },
  });
  return path.join(outDir, folder);
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/** The permissions model of issue 2, whatever the browser: nothing granted up front beyond these. */
function expectPermissionsModel(manifest: Record<string, any>): void {
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions.sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'scripting', 'storage']);
  expect(manifest.host_permissions ?? []).toEqual([]);
  expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  expect(manifest.content_scripts ?? []).toEqual([]);
  expect(manifest.commands['toggle-sidebar'].suggested_key.default).toBe('Alt+Shift+T');
  expect(manifest.web_accessible_resources).toHaveLength(1);
  expect(manifest.web_accessible_resources[0].resources).toEqual(['sidebar.html']);
}

afterAll(() => {
  for (const d of outDirs) rmSync(d, { recursive: true, force: true });
});

describe('real builds', () => {
  it('the production Chrome build has no test hook and serves the sidebar only under a dynamic URL', () => {
    const dir = build([], 'chrome-mv3');
    const background = readFileSync(path.join(dir, 'background.js'), 'utf8');
    expect(background).not.toContain('__taizhang');
    // The production build is the same code otherwise: the sync runner is there.
    expect(background).toContain('sync-retry');
    // The dock's shadow root is closed: the host page cannot reach the sidebar frame.
    const launcher = readFileSync(path.join(dir, 'launcher.js'), 'utf8');
    expect(launcher).toMatch(/attachShadow\(\{\s*mode:\s*["']closed["']\s*\}\)/);
    expect(launcher).not.toMatch(/mode:\s*["']open["']/);
    // The always-on script stays small: the page readers are a script of their own, run on demand.
    expect(Buffer.byteLength(launcher)).toBeLessThan(15 * 1024);
    expect(launcher).not.toMatch(/["']weaver["']/);
    expect(readFileSync(path.join(dir, 'page-reader.js'), 'utf8')).toMatch(/["']weaver["']/);
    const manifest = manifestOf(dir);
    expectPermissionsModel(manifest);
    expect(manifest.web_accessible_resources[0].use_dynamic_url).toBe(true);
    expect(manifest.browser_specific_settings).toBeUndefined();
  }, 180_000);

  it('the test build does carry the hook the browser tests call (so the check above means something)', () => {
    const dir = build(['--mode', 'test'], 'chrome-mv3-test');
    expect(readFileSync(path.join(dir, 'background.js'), 'utf8')).toContain('__taizhang');
    // …and an open shadow root, which is how the browser tests' locators reach the sidebar.
    expect(readFileSync(path.join(dir, 'launcher.js'), 'utf8')).toMatch(/mode:\s*["']open["']/);
  }, 180_000);

  it('npm run build:firefox builds an MV3 Firefox add-on with a gecko id, its data-collection declaration and the same permissions model', () => {
    const dir = build(['-b', 'firefox'], 'firefox-mv3');
    const manifest = manifestOf(dir);
    expectPermissionsModel(manifest);
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    // 140: Firefox's built-in data-collection consent starts there, so it covers every version we run on.
    expect(manifest.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
    // AMO's declaration: what the cadre saves goes to the campus server they configured, which AMO
    // counts as transmitted data (not "none"); all of it is needed for the extension to work.
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({
      required: ['personallyIdentifyingInfo', 'authenticationInfo', 'browsingActivity', 'websiteContent'],
    });
    // Only the test build grants its own host permissions (Firefox honours that for temporary add-ons only).
    expect(manifest.granted_host_permissions).toBeUndefined();
    // Firefox runs the background as an event page, not a service worker.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    // Firefox does not know use_dynamic_url (its extension URLs are already random per install).
    expect(manifest.web_accessible_resources[0].use_dynamic_url).toBeUndefined();
    const background = readFileSync(path.join(dir, 'background.js'), 'utf8');
    expect(background).not.toContain('__taizhang');
    expect(background).toContain('registerContentScripts');
  }, 180_000);
});
