/**
 * What every console page module shares: the console's env, the signed-in-admin + CSRF gate, the page
 * response (`send`, with its CSP and other headers), form parsing, the redirect-with-notice after an
 * action (`act`, `back`) and the campaign a URL names. Page modules (handlers/) own their routes.
 */
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ZodError } from 'zod';
import { forbiddenCharacter } from '../../shared/text-rules';
import type { AppEnv } from '../api/env';
import { SESSION_COOKIE, findSession, sameToken } from '../auth/sessions';
import { ApiError } from '../http/errors';
import { OWN_BODY_LIMIT } from '../http/body-limit';
import { describeZodError } from '../http/zod-message';
import type { ListContext } from '../lists/items';
import type { CampaignDoc, UserDoc } from '../store/store';
import type { FlashMessages, Notice } from './flash';
import { html } from './html';
import { page } from './layout';

/** The console adds its session (CSRF token, session id) and its one-time notices to the app's services. */
export type ConsoleEnv = { Variables: AppEnv['Variables'] & { csrf: string; sessionId: string; flash: FlashMessages } };
export type C = Context<ConsoleEnv>;

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * What the sign-in page may say, by code: the only notices that come from an address. Everything
 * else a page shows comes from the server's own flash store (flash.ts), never from the URL.
 */
const LOGIN_NOTICES: Record<string, Notice> = {
  bad_token: { error: '令牌无效或已被吊销，请检查后重试' },
  not_admin: { error: '控制台仅供活动办公室管理员使用；成员请在浏览器扩展中使用令牌' },
  signed_out: { ok: '已退出登录' },
};

function noticeFor(c: C): Notice {
  if (c.var.sessionId) return c.var.flash.take(c.var.sessionId, c.req.query('notice'));
  return LOGIN_NOTICES[c.req.query('error') ?? c.req.query('ok') ?? ''] ?? {};
}

export function send(c: C, title: string, body: Parameters<typeof page>[1], status: 200 | 400 | 401 | 403 | 404 | 429 = 200, notice: Notice = noticeFor(c)) {
  c.header('content-security-policy', CSP);
  c.header('x-frame-options', 'DENY');
  // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on form posts.
  c.header('referrer-policy', 'same-origin');
  c.header('cache-control', 'no-store');
  return c.html(page(title, body, { signedIn: Boolean(c.var.user), csrf: c.var.csrf, notice }), status);
}

export const back = (c: C, path: string, notice: Notice) => c.redirect(`${path}?notice=${c.var.flash.put(c.var.sessionId, notice)}`, 303);

/** Runs a form action; a refusal comes back to `path` as a message instead of a JSON error. */
export async function act(c: C, path: string, ok: string, fn: () => Promise<unknown>) {
  try {
    await fn();
    return back(c, path, { ok });
  } catch (e) {
    if (e instanceof ApiError) return back(c, path, { error: e.message });
    if (e instanceof ZodError) {
      const { message } = describeZodError(e);
      return back(c, path, { error: message });
    }
    throw e;
  }
}

/** A form as strings; text the store could not keep (text-rules.ts) is refused here, for every field at once. */
export async function form(c: C): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  // fromEntries defines own properties: a field named __proto__ stays a field instead of replacing the prototype.
  const fields = Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? v : '']),
  );
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const bad = forbiddenCharacter(v);
      if (bad) throw new ApiError(400, 'invalid', `${name}：含有不允许的字符 ${bad}`, name);
    }
  }
  return fields;
}
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);

/** The campaign `:id` names, or a 404 page. */
export async function campaignOf(c: C): Promise<CampaignDoc> {
  const campaign = await c.var.store.get('campaigns', c.req.param('id')!);
  if (!campaign) throw new ApiError(404, 'not_found', '活动不存在');
  return campaign;
}

/** The services a list or opinion write needs, acting as the signed-in admin. */
export function listContext(c: C, campaign: CampaignDoc): ListContext {
  const store = c.var.store;
  return { store, quotas: c.var.quotas, campaign, actor: c.var.user, now: new Date(c.var.now()), grouper: c.var.grouper };
}

/** Everything after sign-in needs a signed-in admin; POSTs also need the session's CSRF token. */
const CSRF_REFUSAL = '表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试';

/** For a route whose form the gate leaves unread (uploads): the session's token must be among the fields. */
export const csrfCheck = (c: C) => (fields: Record<string, string>) => {
  if (!sameToken(fields._csrf ?? '', c.var.csrf)) throw new ApiError(403, 'forbidden', CSRF_REFUSAL);
};

export const requireAdminSession: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const session = await findSession(c.var.store, getCookie(c, SESSION_COOKIE), c.var.now());
  const user: UserDoc | undefined = session ? await c.var.store.get('users', session.userId) : undefined;
  if (!session || !user || user.disabledAt || user.role !== 'admin') {
    if (c.req.method === 'GET') return c.redirect('/console/login', 303);
    return c.text('请先登录', 401);
  }
  if (c.req.method === 'POST') {
    const origin = c.req.header('origin');
    if (OWN_BODY_LIMIT.test(c.req.path)) {
      // A file upload: reading the form here would read up to 20 MB unbounded. The route checks the
      // token itself after its bounded read (csrfCheck); a browser's upload always says its Origin.
      if (origin !== new URL(c.req.url).origin) return c.text(CSRF_REFUSAL, 403);
    } else {
      const sent = one((await form(c))._csrf);
      if ((origin && origin !== new URL(c.req.url).origin) || !sameToken(sent, session.csrf)) return c.text(CSRF_REFUSAL, 403);
    }
  }
  c.set('user', user);
  c.set('csrf', session.csrf);
  c.set('sessionId', session.id);
  await next();
};

/** A refusal the handlers did not turn into a notice (unknown campaign, bad form text) becomes a page. */
export const errorPage: ErrorHandler<ConsoleEnv> = (err, c) => {
  if (err instanceof ApiError) return send(c, '出错了', html`<p>${err.message}</p><p><a href="/console">返回活动列表</a></p>`, err.status === 404 ? 404 : 400);
  throw err;
};
