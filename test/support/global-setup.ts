/**
 * Builds the Chrome test extension (`wxt build --mode test` → .output/chrome-mv3-test) once before the
 * tests, and only when its sources changed since the last build. Browser tests load that build; the
 * Firefox test builds its own the same way (test/support/test-build.ts) when it runs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths';
import { ensureTestBuild } from './test-build';

export default async function setup(): Promise<void> {
  if (!existsSync(path.join(projectRoot, 'extension/entrypoints'))) return;
  await ensureTestBuild('chrome');
}
