/** A campaign's members: choose who belongs, and add a new person whose token is shown once. */
import { Hono } from 'hono';
import { CreateUserSchema } from '../../../shared/model/user';
import { setMembers } from '../../campaigns/service';
import { describeZodError } from '../../http/zod-message';
import { createUser } from '../../people/service';
import { act, back, campaignOf, type ConsoleEnv, form, many, one, send } from '../kit';
import { membersBody } from '../pages/members';

const membersPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/members`;

export const members = new Hono<ConsoleEnv>();

members.get('/campaigns/:id/members', async (c) => {
  const campaign = await campaignOf(c);
  return send(
    c,
    `${campaign.title} · 成员`,
    membersBody(
      campaign,
      (await c.var.store.find('users')).filter((u) => !u.disabledAt),
      c.var.csrf,
    ),
  );
});

members.post('/campaigns/:id/members', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, membersPath(campaign.id), '成员已保存', () =>
    setMembers(c.var.store, campaign.id, many(f.userIds), { actorId: c.var.user.id, now: c.var.now() }),
  );
});

members.post('/campaigns/:id/members/new', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const input = CreateUserSchema.safeParse({ name: one(f.name), unit: one(f.unit), role: 'member' });
  if (!input.success) return back(c, membersPath(campaign.id), { error: `请正确填写姓名和单位：${describeZodError(input.error).message}` });
  const { user, token } = await createUser(c.var.store, input.data, { actorId: c.var.user.id, now: c.var.now() });
  const updated = await setMembers(c.var.store, campaign.id, [...campaign.memberIds, user.id], { actorId: c.var.user.id, now: c.var.now() });
  // The token is shown in this one response and never again (it is stored only as a hash).
  return send(
    c,
    `${campaign.title} · 成员`,
    membersBody(
      updated,
      (await c.var.store.find('users')).filter((u) => !u.disabledAt),
      c.var.csrf,
      { name: user.name, token },
    ),
  );
});
