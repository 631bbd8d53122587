/** `GET /me/tasks` (◆): the caller's own task list, the sidebar's 我的任务. */
import { Hono } from 'hono';
import { todayIn } from '../../shared/calendar';
import type { AppEnv } from './env';
import { myTasks } from '../tasks/my-tasks';

export const taskRoutes = new Hono<AppEnv>().get('/me/tasks', async (c) =>
  c.json(await myTasks(c.var.store, c.var.dayTotals, c.var.user, todayIn(c.var.timeZone, new Date(c.var.now())))),
);
