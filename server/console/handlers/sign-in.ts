/**
 * Sign-in and sign-out. Sign-in exchanges an admin token for a session cookie (HttpOnly,
 * SameSite=Strict, path /console) and is the only part of the console open without a session;
 * sign-out sits behind the session gate like every other form.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { retryMinutes } from '../../auth/rate-limit';
import { SESSION_COOKIE, createSession, endSession } from '../../auth/sessions';
import { userForToken } from '../../auth/tokens';
import { type ConsoleEnv, form, one, send } from '../kit';
import { loginBody } from '../pages/campaigns';

/** Open to anyone: the sign-in page and its form. */
export const signIn = new Hono<ConsoleEnv>();

signIn.get('/login', (c) => send(c, '登录', loginBody()));

signIn.post('/login', async (c) => {
  const token = one((await form(c)).token).trim();
  // A valid token always signs in; only failures count against the address, as on the API.
  const user = token ? await userForToken(c.var.store, token) : undefined;
  if (!user) {
    const seconds = await c.var.authLimiter.fail(c.var.origin.address(c));
    if (seconds !== null) {
      c.header('Retry-After', String(seconds));
      return send(c, '登录', loginBody(), 429, {
        error: `这台电脑所在网络的登录失败次数过多，为防止令牌被猜测，暂停受理错误的令牌。请在 ${retryMinutes(seconds)} 分钟后再试；令牌正确即可直接登录。`,
      });
    }
    return c.redirect('/console/login?error=bad_token', 303);
  }
  if (user.role !== 'admin') return c.redirect('/console/login?error=not_admin', 303);
  const session = await createSession(c.var.store, user.id, c.var.now());
  setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', path: '/console', secure: c.var.origin.secure(c), maxAge: 8 * 3600 });
  return c.redirect('/console', 303);
});

/** Behind the session gate (it needs the CSRF token): 退出登录 ends the stored session. */
export const signOut = new Hono<ConsoleEnv>();

signOut.post('/logout', async (c) => {
  await endSession(c.var.store, getCookie(c, SESSION_COOKIE), c.var.now());
  deleteCookie(c, SESSION_COOKIE, { path: '/console', secure: c.var.origin.secure(c) });
  return c.redirect('/console/login?ok=signed_out', 303);
});
