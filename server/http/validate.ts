/** Validation at the edge: a @hono/zod-validator wrapper that answers failures with the ◆ error body. */
import { zValidator } from '@hono/zod-validator';
import type { ZodTypeAny } from 'zod';
import { ApiError } from './errors';
import { describeZodError } from './zod-message';

export type ValidationTarget = 'json' | 'param' | 'query';

export function validate<T extends ZodTypeAny, Target extends ValidationTarget>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const { message, field } = describeZodError(result.error as never);
      throw new ApiError(400, 'invalid', message, field);
    }
  });
}
