/** Ledgers and figures (admins): 学习台账, 谈心谈话台账, 年度汇总表, summary figures for any date range. */
import { Hono } from 'hono';
import { z } from 'zod';
import { DateSchema } from '../../shared/model/ids';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';
import { validate } from '../http/validate';

const RangeSchema = z.object({ from: DateSchema.optional(), to: DateSchema.optional() });
const YearSchema = z.object({
  year: z.coerce.number({ invalid_type_error: '年份应为数字' }).int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间').optional(),
});

export const ledgerRoutes = new Hono<AppEnv>()
  .get('/campaigns/:id/figures', requireAdmin, validate('query', RangeSchema), async (c) => {
    const view = c.var.queries.of(await campaignForCaller(c, c.req.param('id')));
    return c.json({ figures: await view.figures(c.req.valid('query')) });
  })
  .get('/campaigns/:id/ledger/study', requireAdmin, validate('query', RangeSchema), async (c) => {
    const view = c.var.queries.of(await campaignForCaller(c, c.req.param('id')));
    return c.json({ ledger: await view.studyLedger(c.req.valid('query')) });
  })
  .get('/campaigns/:id/ledger/talks', requireAdmin, validate('query', YearSchema), async (c) => {
    const view = c.var.queries.of(await campaignForCaller(c, c.req.param('id')));
    return c.json(await view.talks(c.req.valid('query').year));
  });
