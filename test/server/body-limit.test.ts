/**
 * The body limit (server/http/body-limit.ts) bounds every body, declared or not, and leaves a GET or HEAD alone:
 * asking one for its body would build a whole fetch Request per request for nothing.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderError } from '../../server/http/errors';
import { limitBody, mayHaveBody } from '../../server/http/body-limit';

const LIMIT = 100;

function appWithLimit() {
  const app = new Hono();
  app.use(limitBody(LIMIT));
  app.get('/read', (c) => c.json({ ok: true }));
  app.post('/read', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
  app.onError(renderError);
  return app;
}

/** A Request that counts how often its body is asked for. */
class WatchedRequest extends Request {
  bodyAsked = 0;
  override get body() {
    this.bodyAsked++;
    return super.body;
  }
}

describe('mayHaveBody', () => {
  it('is false only for the methods that never carry a body', () => {
    expect(mayHaveBody('GET')).toBe(false);
    expect(mayHaveBody('HEAD')).toBe(false);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) expect(mayHaveBody(method)).toBe(true);
  });
});

describe('the body limit in an app', () => {
  it('never asks a GET or a HEAD for its body', async () => {
    for (const method of ['GET', 'HEAD']) {
      const req = new WatchedRequest('http://localhost/read', { method });
      const res = await appWithLimit().fetch(req);
      expect(res.status).toBe(200);
      expect(req.bodyAsked).toBe(0);
    }
  });

  it('refuses a declared length over the limit with 413', async () => {
    const req = new Request('http://localhost/read', { method: 'POST', body: 'x'.repeat(LIMIT + 1), headers: { 'content-length': String(LIMIT + 1) } });
    const res = await appWithLimit().fetch(req);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
  });

  it('bounds a body that declares no length (a fetch Request built in-process has none), and passes one within the limit', async () => {
    const over = new Request('http://localhost/read', { method: 'POST', body: 'x'.repeat(LIMIT + 1) });
    expect(over.headers.get('content-length')).toBeNull();
    expect((await appWithLimit().fetch(over)).status).toBe(413);
    const within = await appWithLimit().fetch(new Request('http://localhost/read', { method: 'POST', body: 'x'.repeat(LIMIT) }));
    expect(within.status).toBe(200);
    expect(await within.json()).toEqual({ bytes: LIMIT });
  });
});

describe('the body limit over real HTTP', () => {
  let server: ReturnType<typeof serve>;
  let port: number;
  beforeAll(async () => {
    server = serve({ fetch: appWithLimit().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** A POST whose body goes in two writes without a Content-Length: Node sends it chunked. */
  const chunkedPost = (bytes: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/read', method: 'POST' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('x'.repeat(Math.ceil(bytes / 2)));
      req.end('x'.repeat(Math.floor(bytes / 2)));
    });

  it('still bounds a chunked body, which declares no length', async () => {
    const over = await chunkedPost(LIMIT * 3);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).error.code).toBe('too_large');
    const within = await chunkedPost(LIMIT - 10);
    expect(within.status).toBe(200);
    expect(JSON.parse(within.body)).toEqual({ bytes: LIMIT - 10 });
  });

  it('answers a GET', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/read`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
