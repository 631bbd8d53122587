/**
 * The office API under /api/v1: one sub-app per resource, every route behind requireUser. Its type
 * (`AppType`, app-type.ts) is what the extension's typed client is checked against.
 */
import { Hono } from 'hono';
import { guardJsonBodies } from '../http/json-guard';
import { auditRoutes } from './audit';
import { campaignRoutes } from './campaigns';
import type { AppEnv } from './env';
import { evidenceRoutes } from './evidence';
import { exportRoutes } from './exports';
import { requireUser } from './guards';
import { itemRoutes } from './items';
import { ledgerRoutes } from './ledgers';
import { opinionRoutes } from './opinions';
import { peopleRoutes } from './people';
import { reminderRoutes } from './reminders';
import { siteRuleRoutes } from './site-rules';
import { syncRoutes } from './sync';
import { taskRoutes } from './tasks';

export const officeApi = new Hono<AppEnv>()
  .use(guardJsonBodies)
  .use(requireUser)
  .route('/', peopleRoutes)
  .route('/', campaignRoutes)
  .route('/', siteRuleRoutes)
  .route('/', syncRoutes)
  .route('/', opinionRoutes)
  .route('/', itemRoutes)
  .route('/', auditRoutes)
  .route('/', ledgerRoutes)
  .route('/', exportRoutes)
  .route('/', taskRoutes)
  .route('/', reminderRoutes)
  .route('/', evidenceRoutes);
