/** People routes (◆): who am I, and the office's user management. */
import { Hono } from 'hono';
import { z } from 'zod';
import { CreateUserSchema } from '../../shared/model/user';
import { IdSchema } from '../../shared/model/ids';
import type { AppEnv } from './env';
import { requireAdmin } from './guards';
import { validate } from '../http/validate';
import { visibleCampaigns } from '../campaigns/service';
import { createUser, publicUser, revokeTokens, setUserDisabled } from '../people/service';

const UserParam = z.object({ id: IdSchema }).strict();

export const peopleRoutes = new Hono<AppEnv>()
  .get('/me', async (c) => {
    const user = c.get('user');
    // timeZone (added to the ◆ shape, nothing removed): the extension reads "today" and "overdue" in the server's zone.
    return c.json({ user: publicUser(user), campaigns: await visibleCampaigns(c.get('store'), user), timeZone: c.get('timeZone') });
  })
  .post('/users', requireAdmin, validate('json', CreateUserSchema), async (c) => {
    const { user, token } = await createUser(c.get('store'), c.req.valid('json'), { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ user: publicUser(user), token }, 201);
  })
  .get('/users', requireAdmin, async (c) => {
    const users = await c.get('store').find('users');
    return c.json({ users: users.map((u) => ({ ...publicUser(u), createdAt: u.createdAt, disabledAt: u.disabledAt ?? null })) });
  })
  .post('/users/:id/token', requireAdmin, validate('param', UserParam), async (c) => {
    const { token, revoked } = await revokeTokens(c.get('store'), c.req.valid('param').id, true, { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ token: token!, revoked });
  })
  .delete('/users/:id/token', requireAdmin, validate('param', UserParam), async (c) => {
    const { revoked } = await revokeTokens(c.get('store'), c.req.valid('param').id, false, { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ revoked });
  })
  .post('/users/:id/disable', requireAdmin, validate('param', UserParam), async (c) => {
    const user = await setUserDisabled(c.get('store'), c.req.valid('param').id, true, { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ user: { ...publicUser(user), disabledAt: user.disabledAt ?? null } });
  })
  .post('/users/:id/enable', requireAdmin, validate('param', UserParam), async (c) => {
    const user = await setUserDisabled(c.get('store'), c.req.valid('param').id, false, { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ user: { ...publicUser(user), disabledAt: user.disabledAt ?? null } });
  });
