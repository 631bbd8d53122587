/** Request bodies above 10 MB are refused before anything reads them (413). */
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const limitBody = (maxSize = MAX_BODY_BYTES) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'too_large', `请求内容过大（上限 ${Math.round(maxSize / 1024 / 1024)} MB）`);
    },
  });
