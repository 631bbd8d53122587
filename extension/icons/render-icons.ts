/**
 * Renders icon.svg to the PNG sizes the manifest names (public/icon/<size>.png, which WXT finds on its own),
 * with the Chromium the browser tests use, so the glyph comes from the CJK fonts on this machine.
 * Run once after changing the SVG, and commit the PNGs: `npx tsx extension/icons/render-icons.ts`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../public/icon');
const SIZES = [16, 32, 48, 128];

const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(out, `${size}.png`), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons written to ${out}: ${SIZES.join(', ')}`);
