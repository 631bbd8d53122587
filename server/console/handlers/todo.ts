/** 待办 (server/reminders/): what is overdue or due soon, by unit and by person. */
import { Hono } from 'hono';
import { todayIn } from '../../../shared/calendar';
import { digestFor } from '../../reminders/digest';
import { loadReminders } from '../../reminders/service';
import { campaignOf, type ConsoleEnv, send } from '../kit';
import { todoBody } from '../pages/todo';

export const todo = new Hono<ConsoleEnv>();

todo.get('/campaigns/:id/todo', async (c) => {
  const campaign = await campaignOf(c);
  const view = await loadReminders(c.var.store, campaign, todayIn(c.var.timeZone, new Date(c.var.now())));
  return send(c, `${campaign.title} · 待办`, todoBody(campaign.id, view, digestFor(view)));
});
