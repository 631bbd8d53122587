/** Server-made ids: a short prefix naming the kind and 96 random bits, valid under IdSchema. */
import { randomBytes } from 'node:crypto';

export const newId = (prefix: string): string => `${prefix}-${randomBytes(12).toString('base64url')}`;
