/**
 * Real Firefox (Debian's firefox-esr) driven over WebDriver BiDi through puppeteer-core, with the
 * Firefox test build of the extension installed as a temporary add-on, as `about:debugging` would, or
 * with nothing installed by the test, for an enterprise policy to install the add-on at start.
 * Locally a machine without firefox-esr skips the Firefox test; with CI=true a missing browser fails.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { inCI } from './paths';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function firefoxAvailable(): boolean {
  if (existsSync(firefoxPath)) return true;
  if (inCI) throw new Error(`CI=true but Firefox is missing at ${firefoxPath}: the Firefox test must run in CI (apt-get install -y firefox-esr)`);
  return false;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The moz-extension:// URL of a page inside the extension, e.g. `options.html`. */
  extensionUrl(page: string): string;
  /** A new tab showing an extension page, loaded. */
  openExtensionPage(page: string): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh profile with the extension in `extensionDir` installed as a temporary add-on. */
export async function launchFirefoxWithExtension(extensionDir: string): Promise<FirefoxWithExtension> {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const addonId: string = manifest.browser_specific_settings.gecko.id;
  const firefox = await launchFirefox(addonId, {
    // MV3 host_permissions are optional in Firefox: the user may withdraw them at any time in the
    // add-ons manager. Since Firefox 127 a normal install grants them along with the install prompt,
    // which is this pref (true by default in 153 ESR). Off here, so what grants the loopback origins
    // is the test build itself (`granted_host_permissions`, wxt.config.ts), as the Chromium test
    // build's host_permissions do, and not this profile's default.
    'extensions.originControls.grantByDefault': false,
  });
  try {
    const installed = await firefox.browser.installExtension(extensionDir);
    if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
  } catch (err) {
    await firefox.close();
    throw err;
  }
  return firefox;
}

/**
 * A fresh profile of a Firefox ESR that accepts unsigned add-ons (`xpinstall.signatures.required`
 * false, as docs/extension-rollout.md tells campus IT to set), nothing installed by the test: what gets
 * installed is whatever the machine's enterprise policy (policies.json) force-installs at start.
 */
export function launchFirefoxForPolicyInstall(addonId: string): Promise<FirefoxWithExtension> {
  return launchFirefox(addonId, { 'xpinstall.signatures.required': false });
}

async function launchFirefox(addonId: string, prefs: Record<string, unknown>): Promise<FirefoxWithExtension> {
  // Firefox gives each install a random UUID for its moz-extension:// host; this pref is read when
  // the add-on is installed, so the test knows where the options page is without asking the browser.
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: firefoxPath,
    headless: true,
    // Without it Firefox's remote agent refuses to navigate a tab to a moz-extension:// page (only
    // http(s), file, blob and about:blank are "WebDriver-safe"); the test opens the options page as a
    // user would from the add-ons manager.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }), ...prefs },
  });
  const extensionUrl = (page: string) => `moz-extension://${uuid}/${page}`;
  return {
    browser,
    extensionUrl,
    async openExtensionPage(page) {
      const tab = await browser.newPage();
      const url = extensionUrl(page);
      // The load moves the tab from a web content process to the extension process, and the
      // navigation's completion never reaches puppeteer (page.goto times out though the page loads):
      // start it, then wait in the tab for the page itself.
      void tab.goto(url).catch(() => undefined);
      // Polled here, not with waitForFunction: the switch of process destroys the tab's realm under an
      // evaluation now and then (a protocol error, not a false), and that must mean "not yet".
      const deadline = Date.now() + 15_000;
      for (;;) {
        const loaded = await tab.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false);
        if (loaded) return tab;
        if (Date.now() > deadline) throw new Error(`Firefox 未在 15 秒内打开扩展页面 ${url}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => browser.close(),
  };
}
