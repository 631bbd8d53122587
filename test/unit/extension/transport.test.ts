/** The extension's typed API client: the route it calls, and every kind of answer turned into data or a Chinese TransportError. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeSchema } from '../../../shared/model/me';
import { askServer, TransportError } from '../../../extension/sync/transport';

const settings = { serverUrl: 'https://taizhang.example.edu.cn/', token: 'tz_token_for_tests_only' };
const me = { user: { id: 'u-1', name: '韩梅', unit: '学工部', role: 'member' }, campaigns: [], timeZone: 'Asia/Shanghai' };

function answer(status: number, body: unknown) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('askServer', () => {
  it('calls the typed route under /api/v1 with the bearer token and returns the checked answer', async () => {
    const calls = answer(200, me);
    await expect(askServer(settings, (api) => api.me.$get(), MeSchema)).resolves.toEqual(me);
    expect(calls[0]!.url).toBe('https://taizhang.example.edu.cn/api/v1/me');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer tz_token_for_tests_only');
  });

  it('refuses an answer that does not match the wire schema, saying so in Chinese', async () => {
    answer(200, { user: { id: 'u-1' }, campaigns: 'none' });
    const err = await askServer(settings, (api) => api.me.$get(), MeSchema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).failure).toBe('server');
    expect((err as TransportError).message).toMatch(/答复格式与本扩展版本不符/);
  });

  it('tells a refused token, a server error and no answer at all apart', async () => {
    answer(401, { error: { code: 'unauthorized', message: '令牌无效或已被吊销' } });
    await expect(askServer(settings, (api) => api.me.$get(), MeSchema)).rejects.toMatchObject({
      failure: 'auth',
      message: '令牌无效或已失效：令牌无效或已被吊销',
    });
    answer(503, { error: { code: 'unavailable', message: '暂时无法写入' } });
    await expect(askServer(settings, (api) => api.me.$get(), MeSchema)).rejects.toMatchObject({ failure: 'server', status: 503 });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(askServer(settings, (api) => api.me.$get(), MeSchema)).rejects.toMatchObject({ failure: 'offline', message: '无法连接服务器' });
    await expect(askServer({ serverUrl: '', token: '' }, (api) => api.me.$get(), MeSchema)).rejects.toMatchObject({ failure: 'config' });
  });
});
