/**
 * The campaign office's console (mounted at /console): server-rendered pages in Simplified Chinese,
 * no scripts at all (the CSP forbids them), forms that post back here.
 *
 * Sign-in exchanges an admin token for a session cookie (HttpOnly, SameSite=Strict, path /console);
 * every POST also carries the session's CSRF token. Actions call the same services as the API, so
 * the console can do nothing the API would refuse.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ZodError, z } from 'zod';
import { CreateCampaignSchema } from '../../shared/model/campaign';
import { DateSchema } from '../../shared/model/ids';
import type { AppEnv } from '../api/env';
import { retryMinutes } from '../auth/rate-limit';
import { userForToken } from '../auth/tokens';
import { forbiddenCharacter } from '../../shared/text-rules';
import { CreateUserSchema } from '../../shared/model/user';
import { createCampaign, setMembers } from '../campaigns/service';
import { ApiError } from '../http/errors';
import { describeZodError } from '../http/zod-message';
import { exportFile } from '../export/export-file';
import { CloseSchema, CreateItemSchema, ProgressSchema, UpdateItemSchema } from '../lists/item-schemas';
import { RenameSchema, SplitSchema } from '../opinions/schemas';
import { closeItem, createItem, reportProgress, updateItem, type ListContext } from '../lists/items';
import { mergeGroups, renameGroup, splitGroup } from '../opinions/opinion-groups';
import { createUser } from '../people/service';
import type { CampaignDoc, Store, UserDoc } from '../store/store';
import { html } from './html';
import { page } from './layout';
import { FlashMessages, type Notice } from './flash';
import { campaignsBody, loginBody, overviewBody } from './pages/campaigns';
import { ledgersBody } from './pages/ledgers';
import { listsBody } from './pages/lists';
import { membersBody } from './pages/members';
import { opinionsBody } from './pages/opinions';
import { parseSettingsForm } from './campaign-settings';
import { updateCampaignSettings } from '../campaigns/settings';
import { auditBody } from './pages/audit';
import { itemEditBody } from './pages/item-edit';
import { settingsBody } from './pages/settings';
import { SESSION_COOKIE, createSession, endSession, findSession, sameToken } from '../auth/sessions';

/** The console adds its session (CSRF token, session id) and its one-time notices to the app's services. */
type ConsoleEnv = { Variables: AppEnv['Variables'] & { csrf: string; sessionId: string; flash: FlashMessages } };
type C = Context<ConsoleEnv>;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

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

function send(c: C, title: string, body: Parameters<typeof page>[1], status: 200 | 400 | 401 | 403 | 404 | 429 = 200, notice: Notice = noticeFor(c)) {
  c.header('content-security-policy', CSP);
  c.header('x-frame-options', 'DENY');
  // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on form posts.
  c.header('referrer-policy', 'same-origin');
  c.header('cache-control', 'no-store');
  return c.html(page(title, body, { signedIn: Boolean(c.var.user), csrf: c.var.csrf, notice }), status);
}

const back = (c: C, path: string, notice: Notice) => c.redirect(`${path}?notice=${c.var.flash.put(c.var.sessionId, notice)}`, 303);

/** Runs a form action; a refusal comes back to the page as a message instead of a JSON error. */
async function act(c: C, path: string, ok: string, fn: () => Promise<unknown>) {
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
async function form(c: C): Promise<Record<string, string | string[]>> {
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
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);

async function campaignOf(c: C): Promise<CampaignDoc> {
  const campaign = await c.var.store.get('campaigns', c.req.param('id')!);
  if (!campaign) throw new ApiError(404, 'not_found', '活动不存在');
  return campaign;
}

function listContext(c: C, campaign: CampaignDoc): ListContext {
  const store = c.var.store;
  return { store, quotas: c.var.quotas, campaign, actor: c.var.user, now: new Date(c.var.now()), grouper: c.var.grouper };
}

const RangeSchema = z.object({ from: DateSchema.optional().or(z.literal('').transform(() => undefined)), to: DateSchema.optional().or(z.literal('').transform(() => undefined)) });

const app = new Hono<ConsoleEnv>();

app.get('/login', (c) => send(c, '登录', loginBody()));

app.post('/login', async (c) => {
  const token = one((await form(c)).token).trim();
  // A valid token always signs in; only failures count against the address, as on the API.
  const user = token ? await userForToken(c.var.store, token) : undefined;
  if (!user) {
    const limiter = c.var.authLimiter;
    const address = c.var.origin.address(c);
    if (limiter.isBlocked(address)) {
      const seconds = limiter.retryAfterSeconds(address);
      c.header('Retry-After', String(seconds));
      return send(c, '登录', loginBody(), 429, { error: `这台电脑所在网络的登录失败次数过多，为防止令牌被猜测，暂停受理错误的令牌。请在 ${retryMinutes(seconds)} 分钟后再试；令牌正确即可直接登录。` });
    }
    limiter.recordFailure(address);
    return c.redirect('/console/login?error=bad_token', 303);
  }
  if (user.role !== 'admin') return c.redirect('/console/login?error=not_admin', 303);
  const session = await createSession(c.var.store, user.id, c.var.now());
  setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', path: '/console', secure: c.var.origin.secure(c), maxAge: 8 * 3600 });
  return c.redirect('/console', 303);
});

// Everything below needs a signed-in admin; POSTs also need the session's CSRF token.
app.use('*', async (c, next) => {
  const session = await findSession(c.var.store, getCookie(c, SESSION_COOKIE), c.var.now());
  const user: UserDoc | undefined = session ? await c.var.store.get('users', session.userId) : undefined;
  if (!session || !user || user.disabledAt || user.role !== 'admin') {
    if (c.req.method === 'GET') return c.redirect('/console/login', 303);
    return c.text('请先登录', 401);
  }
  if (c.req.method === 'POST') {
    const origin = c.req.header('origin');
    const sent = one((await form(c))._csrf);
    if ((origin && origin !== new URL(c.req.url).origin) || !sameToken(sent, session.csrf)) return c.text('表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试', 403);
  }
  c.set('user', user);
  c.set('csrf', session.csrf);
  c.set('sessionId', session.id);
  await next();
});

app.post('/logout', async (c) => {
  await endSession(c.var.store, getCookie(c, SESSION_COOKIE), c.var.now());
  deleteCookie(c, SESSION_COOKIE, { path: '/console', secure: c.var.origin.secure(c) });
  return c.redirect('/console/login?ok=signed_out', 303);
});

app.get('/', async (c) => send(c, '活动列表', campaignsBody(await c.var.store.find('campaigns'), c.var.csrf)));

app.post('/campaigns', async (c) => {
  const f = await form(c);
  let id = '';
  const res = await act(c, '/console', '活动已创建', async () => {
    const input = CreateCampaignSchema.parse({ title: one(f.title), ...(one(f.template) ? { template: one(f.template) } : {}), ...(one(f.unit) ? { unit: one(f.unit) } : {}) });
    id = (await createCampaign(c.var.store, input, { actorId: c.var.user.id, now: c.var.now() })).id;
  });
  return id ? c.redirect(`/console/campaigns/${encodeURIComponent(id)}/members`, 303) : res;
});

app.get('/campaigns/:id', async (c) => {
  const campaign = await campaignOf(c);
  const parsed = RangeSchema.safeParse({ from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' });
  const range = parsed.success ? parsed.data : {};
  const figures = await c.var.queries.of(campaign).figures(range);
  return send(c, campaign.title, overviewBody(campaign, figures, range));
});

app.get('/campaigns/:id/export/:file', async (c) => exportFile(c.var.queries.of(await campaignOf(c)), c.req.param('file')));

app.get('/campaigns/:id/opinions', async (c) => {
  const campaign = await campaignOf(c);
  return send(c, `${campaign.title} · 意见合并审核`, opinionsBody(campaign.id, await c.var.queries.of(campaign).opinions(), c.var.csrf));
});

const opinionsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/opinions`;

app.post('/campaigns/:id/opinions/merge', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已合并', async () => {
    const title = one(f.title).trim();
    if (many(f.groupIds).length < 2) throw new ApiError(400, 'invalid', '请至少勾选两条意见再合并');
    await mergeGroups({ ...listContext(c, campaign) }, many(f.groupIds), title || undefined);
  });
});

app.post('/campaigns/:id/opinions/:groupId/split', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已拆分', async () => {
    const { recordIds } = SplitSchema.parse({ recordIds: many(f.recordIds) });
    await splitGroup(listContext(c, campaign), c.req.param('groupId'), recordIds);
  });
});

app.post('/campaigns/:id/opinions/:groupId/rename', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已改名', async () => {
    await renameGroup(listContext(c, campaign), c.req.param('groupId'), RenameSchema.parse({ title: one(f.title) }));
  });
});

const membersOf = async (store: Store, campaign: CampaignDoc) => (await store.find('users')).filter((u) => campaign.memberIds.includes(u.id));
const listsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/lists`;

app.get('/campaigns/:id/lists', async (c) => {
  const campaign = await campaignOf(c);
  const view = c.var.queries.of(campaign);
  const body = listsBody({ campaignId: campaign.id, items: await view.items(), opinions: await view.opinions(), members: await membersOf(c.var.store, campaign), today: view.today, timeZone: c.var.timeZone, csrf: c.var.csrf });
  return send(c, `${campaign.title} · 三张清单`, body);
});

app.post('/campaigns/:id/items', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), '已添加', async () => {
    const input = CreateItemSchema.parse({
      list: one(f.list),
      title: one(f.title),
      category: one(f.category),
      sourceItemIds: many(f.sourceItemIds),
      responsibleLeader: one(f.responsibleLeader),
      responsibleUnit: one(f.responsibleUnit),
      assigneeId: one(f.assigneeId) || null,
      deadline: one(f.deadline) || null,
    });
    await createItem(listContext(c, campaign), input);
  });
});

app.post('/campaigns/:id/items/:itemId/progress', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), '已更新', async () => {
    await reportProgress(listContext(c, campaign), c.req.param('itemId'), ProgressSchema.parse({ progress: one(f.progress), status: one(f.status) || undefined, evidence: one(f.evidence) }));
  });
});

app.post('/campaigns/:id/items/:itemId/close', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), '已销号', async () => {
    await closeItem(listContext(c, campaign), c.req.param('itemId'), CloseSchema.parse({ evidence: one(f.evidence), ...(f.effect !== undefined ? { effect: one(f.effect) } : {}) }));
  });
});

app.get('/campaigns/:id/items/:itemId/edit', async (c) => {
  const campaign = await campaignOf(c);
  const item = await c.var.store.get('items', c.req.param('itemId'));
  if (!item || item.campaignId !== campaign.id) throw new ApiError(404, 'not_found', '事项不存在');
  return send(c, `${campaign.title} · 编辑事项`, itemEditBody(campaign.id, item, await membersOf(c.var.store, campaign), c.var.csrf));
});

app.post('/campaigns/:id/items/:itemId/edit', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const itemId = c.req.param('itemId');
  try {
    const patch = UpdateItemSchema.parse({
      title: one(f.title),
      description: one(f.description),
      category: one(f.category),
      responsibleLeader: one(f.responsibleLeader),
      responsibleUnit: one(f.responsibleUnit),
      assigneeId: one(f.assigneeId) || null,
      deadline: one(f.deadline) || null,
    });
    await updateItem(listContext(c, campaign), itemId, patch);
  } catch (e) {
    // A refusal goes back to the edit form, so the office sees what was wrong where it typed it.
    const editPath = `/console/campaigns/${encodeURIComponent(campaign.id)}/items/${encodeURIComponent(itemId)}/edit`;
    if (e instanceof ApiError) return back(c, editPath, { error: e.message });
    if (e instanceof ZodError) return back(c, editPath, { error: describeZodError(e).message });
    throw e;
  }
  return back(c, listsPath(campaign.id), { ok: '已保存修改' });
});

const settingsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/settings`;

app.get('/campaigns/:id/settings', async (c) => {
  const campaign = await campaignOf(c);
  return send(c, `${campaign.title} · 活动设置`, settingsBody(campaign, c.var.csrf));
});

app.post('/campaigns/:id/settings', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, settingsPath(campaign.id), '设置已保存', async () => {
    const settings = parseSettingsForm({
      stages: one(f.stages),
      oaOrigins: one(f.oaOrigins),
      studyMinutesPerStage: one(f.studyMinutesPerStage),
      reflectionsPerStage: one(f.reflectionsPerStage),
      reflectionMinChars: one(f.reflectionMinChars),
      talksPerQuarter: one(f.talksPerQuarter),
    });
    await updateCampaignSettings(c.var.store, campaign.id, settings, { actorId: c.var.user.id, now: c.var.now() });
  });
});

app.get('/campaigns/:id/audit', async (c) => {
  const campaign = await campaignOf(c);
  const [entries, users] = await Promise.all([c.var.store.find('audit', { campaignId: campaign.id }), c.var.store.find('users')]);
  return send(c, `${campaign.title} · 操作日志`, auditBody(campaign.id, entries, users, c.var.timeZone));
});

app.get('/campaigns/:id/ledgers', async (c) => {
  const campaign = await campaignOf(c);
  const view = c.var.queries.of(campaign);
  const { year, talks, counselorContact } = await view.talks();
  return send(c, `${campaign.title} · 台账`, ledgersBody(campaign.id, await view.studyLedger(), year, talks, counselorContact));
});

const membersPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/members`;

app.get('/campaigns/:id/members', async (c) => {
  const campaign = await campaignOf(c);
  return send(c, `${campaign.title} · 成员`, membersBody(campaign, (await c.var.store.find('users')).filter((u) => !u.disabledAt), c.var.csrf));
});

app.post('/campaigns/:id/members', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, membersPath(campaign.id), '成员已保存', () => setMembers(c.var.store, campaign.id, many(f.userIds), { actorId: c.var.user.id, now: c.var.now() }));
});

app.post('/campaigns/:id/members/new', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const input = CreateUserSchema.safeParse({ name: one(f.name), unit: one(f.unit), role: 'member' });
  if (!input.success) return back(c, membersPath(campaign.id), { error: `请正确填写姓名和单位：${describeZodError(input.error).message}` });
  const { user, token } = await createUser(c.var.store, input.data, { actorId: c.var.user.id, now: c.var.now() });
  const updated = await setMembers(c.var.store, campaign.id, [...campaign.memberIds, user.id], { actorId: c.var.user.id, now: c.var.now() });
  // The token is shown in this one response and never again (it is stored only as a hash).
  return send(c, `${campaign.title} · 成员`, membersBody(updated, (await c.var.store.find('users')).filter((u) => !u.disabledAt), c.var.csrf, { name: user.name, token }));
});

app.onError((err, c) => {
  if (err instanceof ApiError) return send(c as C, '出错了', page404(err.message), err.status === 404 ? 404 : 400);
  throw err;
});

const page404 = (message: string) => html`<p>${message}</p><p><a href="/console">返回活动列表</a></p>`;

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
