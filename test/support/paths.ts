/** Where tests find the project, its own fixtures, the built test extension and the reference material. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ownOaFixtures = path.join(projectRoot, 'test/fixtures/oa');
/** The reference fixtures beside the project; absent in a plain clone. */
export const referenceOaFixtures = path.resolve(projectRoot, '../shared/fixtures/oa');
export const referenceOpinions = path.resolve(projectRoot, '../shared/fixtures/opinions/labeled.json');
export const testExtensionDir = path.join(projectRoot, '.output/chrome-mv3-test');
/** The Firefox test build (`wxt build -b firefox --mode test`), built by the Firefox test itself. */
export const firefoxTestExtensionDir = path.join(projectRoot, '.output/firefox-mv3-test');

export const inCI = process.env.CI === 'true';

/**
 * Reference material runs in addition to our own fixtures when it is there; in CI it must be
 * there, so a missing folder fails loudly instead of silently testing less.
 */
export function referenceAvailable(dir: string): boolean {
  if (existsSync(dir)) return true;
  if (inCI) throw new Error(`CI=true but the reference fixtures are missing: ${dir}`);
  return false;
}
