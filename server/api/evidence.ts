/**
 * 佐证材料 files on a list item (mounted at /api/v1): upload, list, download, delete. The rules live
 * in server/evidence/ (README.md there); this file only maps HTTP onto them.
 */
import { Hono, type Context } from 'hono';
import { deleteEvidence, evidenceResponse, listEvidence, openEvidence, receiveEvidence, type EvidenceContext } from '../evidence/evidence';
import type { AppEnv } from './env';

const evidenceContext = (c: Context<AppEnv>): EvidenceContext => ({
  store: c.var.store,
  quotas: c.var.quotas,
  actor: c.var.user,
  now: new Date(c.var.now()),
});

const FILES = '/campaigns/:id/items/:itemId/files';

export const evidenceRoutes = new Hono<AppEnv>()
  // Raw body with ?name=, or multipart/form-data with the field `file`; → 201 { file }.
  .post(FILES, async (c) => {
    const file = await receiveEvidence(evidenceContext(c), c.req.param('id'), c.req.param('itemId'), c.req.raw, { name: c.req.query('name') });
    return c.json({ file }, 201);
  })
  .get(FILES, async (c) => {
    return c.json({ files: await listEvidence(c.var.store, c.var.user, c.req.param('id'), c.req.param('itemId')) });
  })
  .get(`${FILES}/:fileId`, async (c) => {
    const { file, stream } = await openEvidence(c.var.store, c.var.user, c.req.param('id'), c.req.param('itemId'), c.req.param('fileId'));
    return evidenceResponse(file, stream);
  })
  .delete(`${FILES}/:fileId`, async (c) => {
    return c.json({ file: await deleteEvidence(evidenceContext(c), c.req.param('id'), c.req.param('itemId'), c.req.param('fileId')) });
  });
