/**
 * Real Chromium with the real built extension, for end-to-end tests.
 * Locally a machine without Chromium skips browser tests; with CI=true a missing browser fails.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { inCI, testExtensionDir } from './paths';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (inCI) throw new Error(`CI=true but Chromium is missing at ${chromiumPath}: browser tests must run in CI`);
  return false;
}

const COMMON_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** URL of a page inside the extension, e.g. `options.html`. */
  extensionUrl(page: string): string;
  close(): Promise<void>;
}

/** A fresh profile with the test build of the extension loaded unpacked. */
export async function launchWithExtension(extensionDir = testExtensionDir): Promise<ExtensionBrowser> {
  if (!existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(`The test extension is not built at ${extensionDir} (test/support/global-setup.ts builds it)`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath,
    headless: false, // --headless=new below: the old headless mode cannot load extensions
    args: [...COMMON_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    viewport: { width: 1280, height: 800 },
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page}`,
    close: () => context.close(),
  };
}

/**
 * For the first page of a test server that groups opinions: the first grouping starts a worker thread, which loads
 * tsx and the pair model (about 0.6 s on an idle machine, several times that when CI runs every test file at once on
 * two cores), so that navigation gets more than the tests' usual 8 s.
 */
export const FIRST_GROUPING_PAGE = { timeout: 30_000 } as const;

/** Plain Chromium (no extension), for the office console. */
export async function launchPlain() {
  return chromium.launch({ executablePath: chromiumPath, headless: false, args: COMMON_ARGS });
}
