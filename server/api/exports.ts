/**
 * `GET /campaigns/:id/export/<list>.<format>` (◆), `workbook.xlsx` (every list, one sheet each) and
 * `summary.docx`: admins only; xlsx and csv are streamed.
 */
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';
import { exportFile } from '../export/export-file';
import { validate } from '../http/validate';
import { z } from 'zod';

const ExportQuerySchema = z.object({ status: z.string().max(200, '状态筛选太长').optional() });

export const exportRoutes = new Hono<AppEnv>().get('/campaigns/:id/export/:file', requireAdmin, validate('query', ExportQuerySchema), async (c) => {
  const campaign = await campaignForCaller(c, c.req.param('id'));
  return exportFile(c.var.queries.of(campaign), c.req.param('file'), c.req.valid('query'));
});
