/**
 * The campaign office's console (mounted at /console): server-rendered pages in Simplified Chinese,
 * no scripts at all (the CSP forbids them), one stylesheet (stylesheet.ts), forms that post back here.
 *
 * Sign-in exchanges an admin token for a session cookie (HttpOnly, SameSite=Strict, path /console);
 * every POST also carries the session's CSRF token. Actions call the same services as the API, so
 * the console can do nothing the API would refuse.
 *
 * This file only composes: each page group owns its handlers (handlers/), the shared plumbing is
 * kit.ts, and the markup is pages/. Order matters: sign-in is mounted before the session gate.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../api/env';
import { FlashMessages } from './flash';
import { audit } from './handlers/audit';
import { campaigns } from './handlers/campaigns';
import { downloads } from './handlers/exports';
import { extension } from './handlers/extension';
import { ledgers } from './handlers/ledgers';
import { lists } from './handlers/lists';
import { members } from './handlers/members';
import { opinions } from './handlers/opinions';
import { settings } from './handlers/settings';
import { signIn, signOut } from './handlers/sign-in';
import { type ConsoleEnv, errorPage, requireAdminSession } from './kit';
import { stylesheet } from './stylesheet';
import { todo } from './handlers/todo';

const app = new Hono<ConsoleEnv>();
app.onError(errorPage);
app.route('/', stylesheet);
app.route('/', signIn);
// Everything below needs a signed-in admin; POSTs also need the session's CSRF token.
app.use('*', requireAdminSession);
app.route('/', signOut);
app.route('/', campaigns);
app.route('/', downloads);
app.route('/', opinions);
app.route('/', lists);
app.route('/', settings);
app.route('/', audit);
app.route('/', ledgers);
app.route('/', members);
app.route('/', todo);
app.route('/', extension);

/** The console for one app: its notices live as long as the app, on the app's clock. */
export function createConsole(now: () => number): Hono<AppEnv> {
  const flash = new FlashMessages(now);
  return new Hono<ConsoleEnv>()
    .use(async (c, next) => {
      c.set('flash', flash);
      await next();
    })
    .route('/', app) as unknown as Hono<AppEnv>;
}
