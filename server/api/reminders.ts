/**
 * `GET /campaigns/:id/reminders` (admin): the campaign's 待办 — overdue and due-soon problems and tasks
 * grouped by 责任部门 and by 责任人 — the digest line, and the group robot's settings and last send.
 * Shape in server/reminders/README.md.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { todayIn } from '../../shared/calendar';
import { digestFor } from '../reminders/digest';
import { DEFAULT_DUE_SOON_DAYS } from '../reminders/reminders-view';
import { loadReminders, robotStatus } from '../reminders/service';
import { validate } from '../http/validate';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';

const DAYS_RULE = '到期提醒天数应为 1–30 的整数';
const RemindersQuery = z.object({
  days: z.coerce.number({ invalid_type_error: DAYS_RULE }).int(DAYS_RULE).min(1, DAYS_RULE).max(30, DAYS_RULE).default(DEFAULT_DUE_SOON_DAYS),
});

export const reminderRoutes = new Hono<AppEnv>().get('/campaigns/:id/reminders', requireAdmin, validate('query', RemindersQuery), async (c) => {
  const campaign = await campaignForCaller(c, c.req.param('id'));
  const today = todayIn(c.var.timeZone, new Date(c.var.now()));
  const reminders = await loadReminders(c.var.store, campaign, today, c.req.valid('query').days);
  return c.json({ reminders, digest: digestFor(reminders), robot: robotStatus(await c.var.store.get('reminders', campaign.id)) });
});
