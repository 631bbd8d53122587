/**
 * Request bodies above 10 MB are refused before anything reads them (413) — except evidence file
 * uploads (`POST /api/v1/campaigns/:id/items/:itemId/files`), which take up to 20 MB and bound their
 * own body while reading it (server/evidence/upload-body.ts). Not when they claim to be JSON: the
 * JSON guard (json-guard.ts) reads such a body whole before any route, so it keeps the 10 MB limit
 * (and the upload route refuses it). The console's upload route is one too: its session gate leaves
 * the form unread there and the route checks the CSRF token after the bounded read (console/kit.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Routes that read (and bound) their body themselves. */
export const OWN_BODY_LIMIT = /^\/(api\/v1|console)\/campaigns\/[^/]+\/items\/[^/]+\/files\/?$/;

const ownLimit = (method: string, path: string, type: string | undefined) =>
  method === 'POST' && OWN_BODY_LIMIT.test(path) && !/^application\/([a-z-.]+\+)?json/i.test(type ?? '');

/**
 * A GET or HEAD has no body to bound: @hono/node-server never gives one a body, and fetch forbids it. Asking such a
 * request for its body is not free: @hono/node-server then builds a whole fetch Request with an AbortController, and
 * undici keeps a finaliser for each; on a busy server those finalisers ran in one task after a large collection,
 * 163 ms of the event loop (the hardening bench's profile). Any other method is bounded whatever its headers say: a
 * fetch Request built in-process with a body carries no Content-Length.
 */
export const mayHaveBody = (method: string): boolean => method !== 'GET' && method !== 'HEAD';

export const limitBody = (maxSize = MAX_BODY_BYTES): MiddlewareHandler => {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'too_large', `请求内容过大（上限 ${Math.round(maxSize / 1024 / 1024)} MB）`);
    },
  });
  return (c, next) => (!mayHaveBody(c.req.method) || ownLimit(c.req.method, c.req.path, c.req.header('content-type')) ? next() : limit(c, next));
};
