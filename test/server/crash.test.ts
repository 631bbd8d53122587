/**
 * The real server as a child process, concurrent pushes, SIGKILL at random moments, restart:
 * the store always loads and every push answered 200 is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileStore } from '../../server/store/open';
import { projectRoot } from '../support/paths';
import { Rng } from '../support/random';

const ADMIN = 'tz_crash-test-admin-token-0123456789';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'taizhang-crash-'));
  dirs.push(d);
  return d;
};

/**
 * The app over the store opened with a tiny log limit, so compactions (log set aside, snapshot
 * written while pushes go on, old log dropped) run all the time and SIGKILL lands inside them.
 */
const COMPACTING_SERVER = `
const { serve } = await import('@hono/node-server');
const { createApp } = await import(${JSON.stringify(path.join(projectRoot, 'server/app.ts'))});
const { openFileStore } = await import(${JSON.stringify(path.join(projectRoot, 'server/store/open.ts'))});
const { ensureFirstAdmin } = await import(${JSON.stringify(path.join(projectRoot, 'server/people/service.ts'))});
const store = await openFileStore(process.env.DATA_DIR, { walMaxBytes: 16384, onFatal: (err) => { console.error(err); process.exit(70); } });
await ensureFirstAdmin(store, process.env.ADMIN_TOKEN);
serve({ fetch: createApp({ store }).fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log('Taizhang server listening on http://127.0.0.1:' + info.port));
process.on('SIGTERM', () => store.close().then(() => process.exit(0)));
`;

interface Running {
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}

/** `node --import tsx` keeps the server in one process, so SIGKILL really kills the server. */
function start(dataDir: string, compacting: boolean): Promise<Running> {
  const entry = compacting ? ['--input-type=module', '-e', COMPACTING_SERVER] : [path.join(projectRoot, 'server/main.ts')];
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Taizhang server listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child, exited });
    });
    void exited.then((code) => reject(new Error(`server exited (${String(code)}) before listening:\n${out}`)));
  });
}

async function call(url: string, p: string, token: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${p}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

interface Writer {
  clientId: string;
  token: string;
  nextId: number;
  outbox: { id: number; entity: string; entityId: string; hlc: string; fields: Record<string, unknown> }[];
}

async function pushThroughCrashes(seed: number, compacting: boolean): Promise<void> {
  const dataDir = tempDir();
  const rng = new Rng(seed);
  let server = await start(dataDir, compacting);
  const members: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < 8; i++) {
    const res = await call(server.url, '/api/v1/users', ADMIN, { name: `干部${i}`, unit: '单位' });
    members.push(res.body.user.id);
    tokens.push(res.body.token);
  }
  const campaignId = (await call(server.url, '/api/v1/campaigns', ADMIN, { title: '崩溃测试', memberIds: members })).body.campaign.id;
  const writers: Writer[] = tokens.map((token, i) => ({ clientId: `crash-${i}`, token, nextId: 1, outbox: [] }));
  const acknowledged = new Set<string>();
  const failures: unknown[] = [];
  let acks = 0;

  for (let life = 0; life < 6; life++) {
    let alive = true;
    const loops = writers.map(async (w) => {
      while (alive) {
        for (let k = 1 + rng.int(4); k > 0; k--) {
          const id = w.nextId++;
          w.outbox.push({
            id,
            entity: 'record',
            entityId: `r-${w.clientId}-${id}`,
            hlc: `${Date.now()}-0000-${w.clientId}`,
            fields: { campaignId, kind: 'study', topic: '学习', mode: '自学', studiedOn: '2025-06-01', minutes: 30 },
          });
        }
        try {
          const sent = [...w.outbox];
          const res = await call(server.url, '/api/v1/sync/push', w.token, { protocolVersion: 1, clientId: w.clientId, mutations: sent });
          expect(res.status).toBe(200);
          expect(res.body.rejected).toEqual([]);
          for (const m of sent) if (m.id <= res.body.lastMutationID) acknowledged.add(m.entityId);
          w.outbox = w.outbox.filter((m) => m.id > res.body.lastMutationID);
          acks++;
        } catch (err) {
          if (alive) failures.push(err);
          return; // the server died under us: the reply is unknown, the outbox keeps the mutations
        }
      }
    });
    await new Promise((r) => setTimeout(r, 150 + rng.int(900)));
    alive = false;
    server.child.kill('SIGKILL');
    await server.exited;
    await Promise.allSettled(loops);
    server = await start(dataDir, compacting); // the store must load after every crash
  }
  expect(failures).toEqual([]);
  // Drain the outboxes on the last life, then stop cleanly.
  for (const w of writers) {
    const res = await call(server.url, '/api/v1/sync/push', w.token, { protocolVersion: 1, clientId: w.clientId, mutations: w.outbox });
    expect(res.body.lastMutationID).toBe(w.nextId - 1);
    for (const m of w.outbox) acknowledged.add(m.entityId);
  }
  server.child.kill('SIGTERM');
  await server.exited;

  expect(acks).toBeGreaterThan(50);
  // The tiny log limit really made compactions happen (each leaves a snapshot; up to 5 are kept).
  if (compacting) expect(readdirSync(path.join(dataDir, 'snapshots')).filter((n) => n.endsWith('.json')).length).toBeGreaterThan(1);
  const store = await openFileStore(dataDir);
  try {
    const ids = new Set((await store.find('records', { campaignId })).map((r) => r.id));
    const missing = [...acknowledged].filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(ids.size).toBe(writers.reduce((n, w) => n + w.nextId - 1, 0));
  } finally {
    await store.close();
  }
}

describe('crash safety', () => {
  it('survives SIGKILL during concurrent pushes without losing an acknowledged write', () => pushThroughCrashes(7, false), 180_000);

  it(
    'survives SIGKILL while compactions run under the pushes (the log set aside, the snapshot half-written)',
    () => pushThroughCrashes(Number(process.env.CRASH_SEED ?? 11), true),
    180_000,
  );
});
