/** 学习台账, 谈心谈话台账 and the 年度汇总表 (read-only). */
import { Hono } from 'hono';
import { campaignOf, type ConsoleEnv, send } from '../kit';
import { ledgersBody } from '../pages/ledgers';

export const ledgers = new Hono<ConsoleEnv>();

ledgers.get('/campaigns/:id/ledgers', async (c) => {
  const campaign = await campaignOf(c);
  const view = c.var.queries.of(campaign);
  const { year, talks, counselorContact } = await view.talks();
  return send(c, `${campaign.title} · 台账`, ledgersBody(campaign.id, await view.studyLedger(), year, talks, counselorContact));
});
