/**
 * The console's stylesheet, served as a file (not inline) so the pages' CSP can say `style-src 'self'`.
 * Its address carries a hash of its content: a new version is fetched at once, an old one cached for a year.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const CSS = readFileSync(new URL('./assets/console.css', import.meta.url), 'utf8');
const VERSION = createHash('sha256').update(CSS).digest('hex').slice(0, 12);

export const STYLESHEET_PATH = `/console/assets/console.${VERSION}.css`;

export const stylesheet = new Hono().get('/assets/:file{console\\.[0-9a-f]+\\.css}', (c) => {
  if (c.req.path !== STYLESHEET_PATH) return c.redirect(STYLESHEET_PATH, 301);
  c.header('content-type', 'text/css; charset=utf-8');
  c.header('cache-control', 'public, max-age=31536000, immutable');
  return c.body(CSS);
});
