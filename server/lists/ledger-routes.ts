/** Ledgers and figures (admins): 学习台账, 谈心谈话台账, 年度汇总表, summary figures for any date range. */
import { Hono } from 'hono';
import { z } from 'zod';
import { DateSchema } from '../../shared/model/ids';
import { campaignForCaller, requireAdmin, type AppEnv } from '../auth/middleware';
import { validate } from '../http/validate';
import { summaryFigures } from '../ledger/figures';
import { studyLedgerFromTotals } from '../ledger/study-ledger';
import { counselorContactSummary, talkLedger } from '../ledger/talk-ledger';
import { todayIn } from '../../shared/calendar';

const RangeSchema = z.object({ from: DateSchema.optional(), to: DateSchema.optional() });
const YearSchema = z.object({ year: z.coerce.number({ invalid_type_error: '年份应为数字' }).int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间').optional() });

export const ledgerRoutes = new Hono<AppEnv>()
  .get('/campaigns/:id/figures', requireAdmin, validate('query', RangeSchema), async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    const store = c.get('store');
    const [records, items, opinions] = await Promise.all([store.find('records', { campaignId: campaign.id }), store.find('items', { campaignId: campaign.id }), c.get('grouper').items(store, campaign.id)]);
    return c.json({ figures: summaryFigures(records, items, opinions, c.req.valid('query'), todayIn(c.get('timeZone'), new Date(c.get('now')()))) });
  })
  .get('/campaigns/:id/ledger/study', requireAdmin, validate('query', RangeSchema), async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    const store = c.get('store');
    const [users, totals] = await Promise.all([store.find('users'), c.get('dayTotals').ofCampaign(campaign.id)]);
    return c.json({ ledger: studyLedgerFromTotals(campaign, users, totals, c.req.valid('query')) });
  })
  .get('/campaigns/:id/ledger/talks', requireAdmin, validate('query', YearSchema), async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    const store = c.get('store');
    const today = todayIn(c.get('timeZone'), new Date(c.get('now')()));
    const year = c.req.valid('query').year ?? Number(today.slice(0, 4));
    const [users, records] = await Promise.all([store.find('users'), store.find('records', { campaignId: campaign.id })]);
    return c.json({ year, talks: talkLedger(campaign, users, records, year, today), counselorContact: counselorContactSummary(campaign, users, records, year) });
  });
