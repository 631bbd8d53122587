/**
 * What one server kept to itself and several servers on one database must share (issue 15): the
 * daily robot reminder goes out once however many servers look for it, and failed token attempts
 * are counted per address across servers, not once per server; the extension is signed with one key
 * and given one version number, whichever server packs it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExtensionDistribution } from '../../server/extension-dist/distribution';
import { createApp } from '../../server/app';
import { openPostgresStore, type PostgresStore } from '../../server/store/postgres/open';
import { ReminderScheduler } from '../../server/reminders/scheduler';
import { ALLOW_LOCAL_ENV } from '../../server/reminders/webhook';
import { startTestServer } from '../support/server';
import { createCampaign } from '../server/lists-support';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const f of cleanups.splice(0).reverse()) await f().catch(() => {});
});

/** A first server (the test server) and a second store on the same database, as a second server would open it. */
async function twoServersOnOneDatabase(now: () => number) {
  const t = await startTestServer({ store: 'pg', now });
  cleanups.push(() => t.stop());
  const second: PostgresStore = await openPostgresStore(t.databaseUrl!, { poolSize: 3 });
  cleanups.push(() => second.close());
  return { t, second };
}

describe('shared across servers on one database', () => {
  it('the daily robot reminder is claimed by exactly one of several servers looking at the same moment', async () => {
    const now = Date.parse('2024-06-21T02:00:00Z'); // 10:00 in Beijing, past the default hour
    const { t, second } = await twoServersOnOneDatabase(() => now);
    vi.stubEnv(ALLOW_LOCAL_ENV, '1');
    const campaigns = [await createCampaign(t), await createCampaign(t)];
    for (const { id } of campaigns) {
      const res = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, {
        body: { reminders: { webhook: { kind: 'wecom', url: 'http://127.0.0.1:9/robot' } } },
      });
      expect(res.status).toBe(200);
    }
    const sent: string[] = [];
    const scheduler = (store: typeof second) =>
      new ReminderScheduler({
        store,
        timeZone: 'Asia/Shanghai',
        now: () => now,
        log: { info: () => {}, error: () => {} },
        sender: async (webhook) => {
          sent.push(webhook.url);
          return { ok: true, attempts: 1 };
        },
      });
    // Three servers' passes, twice each, all at once.
    const schedulers = [scheduler(t.store as PostgresStore), scheduler(second), scheduler(second)];
    await Promise.all([...schedulers, ...schedulers].map((s) => s.tick()));
    expect(sent).toHaveLength(2);
    for (const { id } of campaigns) expect((await second.get('reminders', id))?.lastSend).toMatchObject({ ok: true, day: '2024-06-21' });
  });

  it('the extension gets one signing key and one version, whichever of two servers starting together packs it first', async () => {
    const { t, second } = await twoServersOnOneDatabase(() => Date.now());
    const build = mkdtempSync(path.join(os.tmpdir(), 'taizhang-build-'));
    cleanups.push(async () => rmSync(build, { recursive: true, force: true }));
    mkdirSync(path.join(build, 'chunks'));
    writeFileSync(path.join(build, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: '台账', version: '0.1.0', host_permissions: [] }));
    writeFileSync(path.join(build, 'chunks/background.js'), 'console.log("background")');
    const distribution = (store: typeof second) => new ExtensionDistribution({ store, chromeBuildDir: build, publicUrl: () => 'https://tz.example.edu.cn' });
    // Both make a key at once (neither finds one), as two servers starting on a new database would.
    const [a, b] = await Promise.all([distribution(t.store as PostgresStore).current(), distribution(second).current()]);
    expect(a.extensionId).toBe(b.extensionId);
    expect(a.version).toBe(b.version);
    expect(a.version).toBe('0.1.0.1');
    // A third server, later, signs as the first two did.
    expect((await distribution(second).current()).extensionId).toBe(a.extensionId);
  });

  it('failed token attempts from one address are counted together, whichever server they reach', async () => {
    let clock = Date.parse('2025-06-01T00:00:00Z');
    const { t, second } = await twoServersOnOneDatabase(() => clock);
    const limit = { maxFailures: 6, windowMs: 60_000 };
    const servers = [
      createApp({ store: t.store, now: () => clock, authRateLimit: limit }),
      createApp({ store: second, now: () => clock, authRateLimit: limit }),
    ];
    const attempt = (i: number, token = 'tz_wrong-token-0000000000000000') =>
      servers[i % 2]!.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } }, { incoming: { socket: { remoteAddress: '10.0.0.7' } } });
    for (let i = 0; i < 6; i++) expect((await attempt(i)).status).toBe(401);
    // Three failures on each server: alone, each would still allow three more.
    for (let i = 0; i < 2; i++) {
      const refused = await attempt(i);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // A valid token from the same address always works.
    expect((await attempt(1, t.adminToken)).status).toBe(200);
    clock += 61_000;
    expect((await attempt(0)).status).toBe(401);
  });
});
