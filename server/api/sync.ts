/** Sync routes (◆ protocol v1): POST /sync/push and POST /sync/pull. */
import { Hono } from 'hono';
import { PullRequestSchema, PushRequestSchema } from '../../shared/sync/protocol';
import type { AppEnv } from './env';
import { validate } from '../http/validate';
import { push } from '../sync/push';
import { pull } from '../sync/pull';

export const syncRoutes = new Hono<AppEnv>()
  .post('/sync/push', validate('json', PushRequestSchema), async (c) => {
    const now = c.get('now');
    return c.json(await push(c.get('store'), c.get('user'), c.req.valid('json'), now(), c.get('stampClamp'), c.get('quotas')));
  })
  .post('/sync/pull', validate('json', PullRequestSchema), async (c) => c.json(await pull(c.get('store'), c.get('user'), c.req.valid('json'))));
