/**
 * Group robot webhooks (群机器人): which addresses a campaign may set, how DingTalk's 加签 signs a
 * request, and one bounded send — formats and sources in README.md.
 *
 * Only the official hosts are accepted, over https; a test or a fake endpoint on this machine needs
 * REMINDER_WEBHOOK_ALLOW_LOCAL=1 (then http(s)://127.0.0.1, localhost or [::1] with any path passes).
 */
import { createHmac } from 'node:crypto';
import type { ReminderWebhookKind } from '../../shared/model/campaign';

export const KIND_LABELS: Record<ReminderWebhookKind, string> = { dingtalk: '钉钉', wecom: '企业微信' };
const OFFICIAL: Record<ReminderWebhookKind, { host: string; path: string; token: string }> = {
  dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send', token: 'access_token' },
  wecom: { host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', token: 'key' },
};

/** The environment flag that lets a webhook point at this machine (tests, a fake endpoint). */
export const ALLOW_LOCAL_ENV = 'REMINDER_WEBHOOK_ALLOW_LOCAL';
export const localWebhooksAllowed = (env: NodeJS.ProcessEnv = process.env): boolean => env[ALLOW_LOCAL_ENV] === '1' || env[ALLOW_LOCAL_ENV] === 'true';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const example = (kind: ReminderWebhookKind): string => `https://${OFFICIAL[kind].host}${OFFICIAL[kind].path}?${OFFICIAL[kind].token}=…`;

/** Why `raw` can't be this kind of robot's address (a Chinese sentence), or null when it can. */
export function webhookUrlProblem(kind: ReminderWebhookKind, raw: string, allowLocal: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `群机器人地址不是有效的网址，应如 ${example(kind)}`;
  }
  if (url.username || url.password) return '群机器人地址不能包含用户名或密码';
  if (allowLocal && LOCAL_HOSTS.has(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  const name = KIND_LABELS[kind];
  if (url.protocol !== 'https:') return `${name}群机器人地址须以 https:// 开头，应如 ${example(kind)}`;
  if (url.hostname !== OFFICIAL[kind].host || url.port !== '') return `${name}群机器人地址只能是官方地址 ${example(kind)}`;
  if (url.pathname !== OFFICIAL[kind].path || !url.searchParams.get(OFFICIAL[kind].token) || url.hash) {
    return `${name}群机器人地址应如 ${example(kind)}（在群设置的机器人详情中复制）`;
  }
  return null;
}

/** DingTalk's 加签 secret as its 安全设置 page shows it: SEC followed by letters and digits. */
export const DINGTALK_SECRET = /^SEC[A-Za-z0-9]{16,196}$/;

/**
 * The address as people may see it: every query value (the access_token or key, which alone lets
 * anyone post to the group) cut to its first 4 characters and `****`. Never the whole token.
 */
export function maskWebhookUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const masked = [...url.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.slice(0, v.length > 8 ? 4 : 0))}****`);
    return `${url.origin}${url.pathname}${masked.length ? `?${masked.join('&')}` : ''}`;
  } catch {
    return '****';
  }
}

/**
 * DingTalk 加签: sign = urlEncode(base64(HmacSHA256(key = secret, message = `${timestamp}\n${secret}`))),
 * with `timestamp` in ms, sent as `&timestamp=…&sign=…` on the webhook (valid for one hour).
 */
export function dingTalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function signedDingTalkUrl(raw: string, secret: string, timestamp: number): string {
  // URLSearchParams form-encodes the base64 (+ → %2B, / → %2F, = → %3D), as urlEncode in DingTalk's samples does.
  const url = new URL(raw);
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', dingTalkSign(secret, timestamp));
  return url.toString();
}

/** The JSON body of a markdown message for each platform. */
export function robotBody(kind: ReminderWebhookKind, title: string, markdown: string): Record<string, unknown> {
  return kind === 'dingtalk' ? { msgtype: 'markdown', markdown: { title, text: markdown } } : { msgtype: 'markdown', markdown: { content: markdown } };
}

export interface StoredWebhook {
  kind: ReminderWebhookKind;
  url: string;
  secret?: string;
}

export interface SendOptions {
  /** Per attempt, connection to the end of the answer (default 5 s). */
  timeoutMs?: number;
  /** At most this many attempts (default 3). */
  attempts?: number;
  /** Waits before the 2nd, 3rd… attempt (default 1 s, 4 s). */
  backoffMs?: readonly number[];
  /** Answers longer than this are a failure (default 64 KB): a robot says `{"errcode":0,"errmsg":"ok"}`. */
  maxResponseBytes?: number;
  /** Request bodies longer than this are not sent (default 16 KB). */
  maxRequestBytes?: number;
  allowLocal?: boolean;
  /** Epoch ms, for DingTalk's timestamp. */
  now?: () => number;
  /** Aborts the attempt under way and the waits (server shutdown). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface SendResult {
  ok: boolean;
  attempts: number;
  /** Why the last attempt failed, in Chinese. */
  error?: string;
}

class AttemptFailed extends Error {}

async function readCapped(res: Response, cap: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => {});
      throw new AttemptFailed(`回应超过 ${Math.round(cap / 1024)} KB，不是群机器人的回应`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

async function attempt(
  webhook: StoredWebhook,
  json: string,
  opts: Required<Pick<SendOptions, 'timeoutMs' | 'maxResponseBytes' | 'now'>> & SendOptions,
): Promise<void> {
  const url = webhook.kind === 'dingtalk' && webhook.secret ? signedDingTalkUrl(webhook.url, webhook.secret, opts.now()) : webhook.url;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  timer.unref?.();
  const stop = () => controller.abort();
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    const res = await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: json,
      // A robot answers where it is asked; a redirect could only lead somewhere we did not allow.
      redirect: 'error',
      signal: controller.signal,
    });
    const text = await readCapped(res, opts.maxResponseBytes);
    if (!res.ok) throw new AttemptFailed(`HTTP ${res.status}`);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new AttemptFailed('回应不是 JSON，不是群机器人的回应');
    }
    const errcode = (answer as { errcode?: unknown } | null)?.errcode;
    const errmsg = String((answer as { errmsg?: unknown } | null)?.errmsg ?? '').slice(0, 200);
    if (typeof errcode !== 'number') throw new AttemptFailed('回应中没有 errcode，不是群机器人的回应');
    if (errcode !== 0) throw new AttemptFailed(`机器人返回错误 errcode ${errcode}${errmsg ? `：${errmsg}` : ''}`);
  } catch (err) {
    if (err instanceof AttemptFailed) throw err;
    if (timedOut) throw new AttemptFailed(`${Math.round(opts.timeoutMs / 100) / 10} 秒内没有回应（超时）`);
    if (opts.signal?.aborted) throw new AttemptFailed('服务器关闭，发送中止');
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new AttemptFailed(`无法连接群机器人：${cause?.code ?? cause?.message ?? (err as Error).message}`);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', stop);
  }
}

/**
 * Posts `body` to the robot: at most `attempts` tries with backoff, each bounded by `timeoutMs`; a
 * failure is an HTTP error, a timeout, an unreadable or oversized answer, or `errcode != 0`. Never
 * throws; the result says how it went. The address is checked again (a store edited by hand).
 */
export async function sendWebhook(webhook: StoredWebhook, body: unknown, options: SendOptions = {}): Promise<SendResult> {
  const opts = { timeoutMs: 5000, attempts: 3, backoffMs: [1000, 4000], maxResponseBytes: 64 * 1024, maxRequestBytes: 16 * 1024, now: Date.now, ...options };
  const problem = webhookUrlProblem(webhook.kind, webhook.url, opts.allowLocal ?? false);
  if (problem) return { ok: false, attempts: 0, error: problem };
  const json = JSON.stringify(body);
  if (Buffer.byteLength(json, 'utf8') > opts.maxRequestBytes)
    return { ok: false, attempts: 0, error: `消息超过 ${Math.round(opts.maxRequestBytes / 1024)} KB，未发送` };
  const tries = Math.max(1, opts.attempts);
  let error = '';
  for (let n = 1; n <= tries; n++) {
    if (n > 1) await wait(opts.backoffMs[n - 2] ?? opts.backoffMs[opts.backoffMs.length - 1] ?? 0, opts.signal);
    if (opts.signal?.aborted) return { ok: false, attempts: n - 1, error: error || '服务器关闭，发送中止' };
    try {
      await attempt(webhook, json, opts);
      return { ok: true, attempts: n };
    } catch (err) {
      error = (err as Error).message;
    }
  }
  return { ok: false, attempts: tries, error };
}
