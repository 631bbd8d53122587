/** 扩展分发: the packages and policy files of this deployment (server/extension-dist/), for campus IT. */
import { Hono } from 'hono';
import { ApiError } from '../../http/errors';
import { packagesOf, policiesOf } from '../../api/extension';
import { type ConsoleEnv, send } from '../kit';
import { extensionBody, extensionUnavailableBody } from '../pages/extension';

export const extension = new Hono<ConsoleEnv>();

extension.get('/extension', async (c) => {
  try {
    const p = await packagesOf(c.var.extensionDist);
    return send(c, '扩展分发', extensionBody(p, policiesOf(p), c.var.timeZone));
  } catch (err) {
    if (err instanceof ApiError) return send(c, '扩展分发', extensionUnavailableBody(err.message));
    throw err;
  }
});
