/**
 * What the sidebar loads on its first open stays small: the files sidebar.html pulls in statically
 * (not the validation schemas it fetches after first paint) carry no zod. A zod import slipped into a
 * first-paint module (a shared model file, say) doubles the first paint and shows only in the bench.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sidebarFiles } from '../support/extension-files';
import { testExtensionDir } from '../support/paths';

describe('the sidebar on first paint', () => {
  it('loads no schema library until after the first frame, which the full set does load', () => {
    const carriesZod = (file: string) => /ZodError|invalid_type_error/.test(readFileSync(path.join(testExtensionDir, file), 'utf8'));
    const firstPaint = sidebarFiles(false).filter((f) => f.endsWith('.js'));
    expect(firstPaint.length).toBeGreaterThan(0);
    expect(firstPaint.filter(carriesZod)).toEqual([]);
    // The check can fail: the whole set, dynamic imports included, does carry zod.
    expect(sidebarFiles(true).some(carriesZod)).toBe(true);
  });
});
