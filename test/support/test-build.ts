/**
 * The test builds of the extension (`wxt build --mode test`, for Chrome into .output/chrome-mv3-test
 * and with `-b firefox` into .output/firefox-mv3-test), rebuilt only when their sources changed.
 * Several vitest runs may start at once (developers, CI): one builds, the others wait for it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { firefoxTestExtensionDir, projectRoot, testExtensionDir } from './paths';

const SOURCES = ['extension', 'shared', 'public', 'wxt.config.ts', 'package.json'];

export type TestBuildBrowser = 'chrome' | 'firefox';

const dirOf = (browser: TestBuildBrowser) => (browser === 'firefox' ? firefoxTestExtensionDir : testExtensionDir);

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function buildIsCurrent(browser: TestBuildBrowser): boolean {
  const manifest = path.join(dirOf(browser), 'manifest.json');
  if (!existsSync(manifest)) return false;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(projectRoot, s)) <= built);
}

/** Builds the browser's test extension unless a current one is there (or TAIZHANG_SKIP_BUILD=1); returns its folder. */
export async function ensureTestBuild(browser: TestBuildBrowser): Promise<string> {
  if (process.env.TAIZHANG_SKIP_BUILD === '1' || buildIsCurrent(browser)) return dirOf(browser);
  const lock = path.join(projectRoot, '.output/.test-build-lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!buildIsCurrent(browser)) {
      execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', browser, '--mode', 'test'], {
        cwd: projectRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return dirOf(browser);
}
