/**
 * Builds the test extension (`wxt build --mode test` → .output/chrome-mv3-test) once before the
 * tests, and only when its sources changed since the last build. Browser tests load that build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, testExtensionDir } from './paths';

const SOURCES = ['extension', 'shared', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function buildIsCurrent(): boolean {
  const manifest = path.join(testExtensionDir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(projectRoot, s)) <= built);
}

export default async function setup(): Promise<void> {
  if (process.env.TAIZHANG_SKIP_BUILD === '1' || !existsSync(path.join(projectRoot, 'extension/entrypoints'))) return;
  if (buildIsCurrent()) return;
  // Several vitest runs may start at once (developers, CI): one builds, the others wait for it.
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
    if (!buildIsCurrent()) {
      execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mode', 'test'], {
        cwd: projectRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
