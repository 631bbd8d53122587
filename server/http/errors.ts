/** The ◆ error body and the app's single error handler: every failure leaves as `{error:{code,message,field?}}`. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { ApiErrorBody } from '../../shared/api-error';
import { describeZodError } from './zod-message';
import { StoreUnavailableError } from '../store/store';

/** 503 is not a bug either: the disk refused a write, nothing was kept, and the client retries. */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ApiErrorStatus,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field !== undefined ? { field: this.field } : {}) } };
  }
}

/** Thrown by code paths that found a zod failure outside the validator middleware. */
export function invalidFromZod(error: ZodError, prefix?: string): ApiError {
  const { message, field } = describeZodError(error, prefix);
  return new ApiError(400, 'invalid', message, field);
}

/** `app.onError`: known errors become their 4xx; anything else is a bug, logged and answered 500. */
export function renderError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(err.toBody(), err.status);
  if (err instanceof StoreUnavailableError) {
    console.error('[server] 写入失败，已撤销：', err.cause.message);
    c.header('Retry-After', '30');
    return c.json(new ApiError(503, 'unavailable', '服务器暂时无法保存（磁盘写入失败），本次操作没有生效，请稍后重试').toBody(), 503);
  }
  if (err instanceof ZodError) {
    const e = invalidFromZod(err);
    return c.json(e.toBody(), e.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return c.json(new ApiError(413, 'too_large', '请求内容过大（上限 10 MB）').toBody(), 413);
    if (status === 400) return c.json(new ApiError(400, 'bad_request', '请求格式错误：不是有效的 JSON').toBody(), 400);
    if (status === 401) return c.json(new ApiError(401, 'unauthorized', '未登录或令牌无效').toBody(), 401);
    if (status === 404) return c.json(new ApiError(404, 'not_found', '未找到').toBody(), 404);
  }
  console.error('[server] unhandled error', err);
  return c.json({ error: { code: 'internal', message: '服务器内部错误' } } satisfies ApiErrorBody, 500);
}

export function notFoundBody(): ApiErrorBody {
  return new ApiError(404, 'not_found', '接口不存在').toBody();
}
