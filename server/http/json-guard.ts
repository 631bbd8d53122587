/**
 * Every JSON body is looked at whole before any route's schema sees it: how deep it nests, whether
 * a key is `__proto__` (zod would drop it without a word), and whether any string or key holds a
 * character that cannot be stored (shared/text-rules.ts). Such a body is refused with a 400 naming
 * the field; nothing past this point ever meets it.
 *
 * The body is parsed once here and handed on through Hono's body cache, so validators do not parse it again.
 */
import type { MiddlewareHandler } from 'hono';
import { jsonShapeProblem } from '../../shared/json-bounds';
import { ApiError } from './errors';

/** Deeper than any request the API defines (a push's page selector is 6 levels down). */
export const MAX_BODY_DEPTH = 32;

/**
 * A push's field writes are judged per mutation (server/sync/field-rules.ts), so a record with a
 * bad character is rejected alone, with its reason, instead of refusing the whole push and leaving
 * every record queued behind it in the extension's outbox.
 */
const pushFields = (path: readonly (string | number)[]) => path.length === 3 && path[0] === 'mutations' && path[2] === 'fields';

export const guardJsonBodies: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !/^application\/([a-z-.]+\+)?json/i.test(type)) return next();
  const text = await c.req.text();
  if (text.trim() === '') return next();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', '请求格式错误：不是有效的 JSON');
  }
  const problem = jsonShapeProblem(body, { maxDepth: MAX_BODY_DEPTH, ...(c.req.path.endsWith('/sync/push') ? { checkedElsewhere: pushFields } : {}) });
  if (problem) {
    const field = problem.path.join('.');
    throw new ApiError(400, problem.code === 'too_deep' ? 'too_deep' : 'invalid', field ? `${field}：${problem.message}` : problem.message, field || undefined);
  }
  (c.req as unknown as { bodyCache: { json?: Promise<unknown> } }).bodyCache.json = Promise.resolve(body);
  await next();
};
