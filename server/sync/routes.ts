/** Sync routes (◆ protocol v1): POST /sync/push and POST /sync/pull. */
import { Hono } from 'hono';
import { PullRequestSchema, PushRequestSchema } from '../../shared/sync/protocol';
import type { AppEnv } from '../auth/middleware';
import { validate } from '../http/validate';
import { push } from './push';
import { pull } from './pull';
import { StampClamp } from './stamp-clamp';

/** One clamp per process; module-level because it only has to keep clamped stamps rising. */
const clamp = new StampClamp(Date.now);

export const syncRoutes = new Hono<AppEnv>()
  .post('/sync/push', validate('json', PushRequestSchema), async (c) => {
    const now = c.get('now');
    return c.json(await push(c.get('store'), c.get('user'), c.req.valid('json'), now(), clampFor(now), c.get('quotas')));
  })
  .post('/sync/pull', validate('json', PullRequestSchema), async (c) => c.json(await pull(c.get('store'), c.get('user'), c.req.valid('json'))));

const clamps = new WeakMap<() => number, StampClamp>();
function clampFor(now: () => number): StampClamp {
  if (now === Date.now) return clamp;
  let found = clamps.get(now);
  if (!found) clamps.set(now, (found = new StampClamp(now)));
  return found;
}
