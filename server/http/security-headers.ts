/**
 * Headers on every response: no content sniffing (an export must never be taken for a page), and
 * no framing and no active content unless a page sets its own, stricter-where-it-matters policy
 * (the console allows only its inline stylesheet).
 */
import type { MiddlewareHandler } from 'hono';

export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('x-content-type-options', 'nosniff');
  if (!headers.has('content-security-policy')) headers.set('content-security-policy', DEFAULT_CSP);
  if (!headers.has('x-frame-options')) headers.set('x-frame-options', 'DENY');
};
