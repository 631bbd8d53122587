/** The overview's download links: every list as xlsx / csv (problems and tasks also by status), the workbook and the docx summary (export/). */
import { Hono } from 'hono';
import { exportFile } from '../../export/export-file';
import { campaignOf, type ConsoleEnv } from '../kit';

export const downloads = new Hono<ConsoleEnv>();

downloads.get('/campaigns/:id/export/:file', async (c) =>
  exportFile(c.var.queries.of(await campaignOf(c)), c.req.param('file'), { status: c.req.query('status') }),
);
