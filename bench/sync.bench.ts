/**
 * Sync push under load: 50 concurrent clients pushing one record each per request into stores of
 * 10k and 100k records, against a minimal durable baseline (a bare Node HTTP server appending each
 * push to a file with fsync) run in the same process and the same run. Also memory and start-up at 100k.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { createApp } from '../server/app';
import { openFileStore } from '../server/store/open';
import { createUser } from '../server/people/service';
import { createCampaign } from '../server/campaigns/service';

const CLIENTS = 50;
const DURATION_MS = 8_000;

interface Result {
  label: string;
  pushes: number;
  seconds: number;
  p50: number;
  p99: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/**
 * 50 loops, each sending its next push as soon as the last one is answered, for DURATION_MS. The
 * loops run in a worker thread so the load generator does not take the server's CPU time.
 */
const DRIVER = `
const { workerData, parentPort } = require('node:worker_threads');
const { url, tokens, campaignId, durationMs } = workerData;
const body = (client, n) => JSON.stringify({
  protocolVersion: 1,
  clientId: 'bench-' + client,
  mutations: [{ id: n, entity: 'record', entityId: 'rb-' + client + '-' + n, hlc: Date.now() + '-0000-bench-' + client,
    fields: { campaignId, kind: 'opinion', content: '第 ' + n + ' 条意见：食堂排队时间太长，希望增加窗口', fromGroup: '学生', channel: '座谈会', category: '后勤服务', heardOn: '2025-06-01' } }],
});
(async () => {
  const latencies = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(tokens.map(async (token, client) => {
    for (let n = 1; performance.now() < deadline; n++) {
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: body(client, n) });
      const text = await res.text();
      if (res.status !== 200) throw new Error('HTTP ' + res.status + ' ' + text);
      latencies.push(performance.now() - t0);
    }
  }));
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
})().catch((err) => parentPort.postMessage({ error: String(err) }));
`;

async function drive(label: string, url: string, tokens: string[], campaignId: string): Promise<Result> {
  const worker = new Worker(DRIVER, { eval: true, workerData: { url, tokens, campaignId, durationMs: DURATION_MS } });
  const msg = await new Promise<{ latencies?: number[]; seconds?: number; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (msg.error || !msg.latencies) throw new Error(`${label}: ${msg.error}`);
  return { label, pushes: msg.latencies.length, seconds: msg.seconds!, p50: percentile(msg.latencies, 50), p99: percentile(msg.latencies, 99) };
}

const listen = (fetchFn: Parameters<typeof serve>[0]['fetch']) =>
  new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve({ fetch: fetchFn, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });

async function taizhang(records: number): Promise<{ result: Result; startupMs: number; heapMB: number; rssMB: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-'));
  try {
    // Fill the store directly, then close it (a snapshot), so start-up is measured from disk.
    let store = await openFileStore(dir);
    const people: Awaited<ReturnType<typeof createUser>>[] = [];
    for (let i = 0; i < CLIENTS; i++) people.push(await createUser(store, { name: `干部${i}`, unit: `单位${i % 10}`, role: 'member' }));
    const campaign = await createCampaign(store, { title: '压测', template: 'grassroots', memberIds: people.map((p) => p.user.id) });
    const at = new Date().toISOString();
    for (let done = 0; done < records; ) {
      const n = Math.min(5000, records - done);
      await store.transact(async (tx) => {
        for (let i = 0; i < n; i++) {
          const owner = people[(done + i) % CLIENTS]!.user.id;
          const fields = { campaignId: campaign.id, kind: 'opinion', content: `预置意见 ${done + i}：宿舍热水供应不稳定，晚上经常没有热水`, fromGroup: '学生', channel: '问卷调查', category: '后勤服务', heardOn: '2025-05-20', deleted: false };
          await tx.put('records', { id: `rp-${done + i}`, ownerId: owner, campaignId: campaign.id, fields, stamps: Object.fromEntries(Object.keys(fields).map((f) => [f, `1747000000000-0000-seed`])), createdAt: at, updatedAt: at });
        }
      });
      done += n;
    }
    await store.close();

    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    store = await openFileStore(dir);
    const startupMs = performance.now() - t0;
    globalThis.gc?.();
    const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const rssMB = process.memoryUsage().rss / 2 ** 20;

    const { server, port } = await listen(createApp({ store }).fetch);
    const result = await drive(`台账 push, ${records.toLocaleString('en')} records`, `http://127.0.0.1:${port}/api/v1/sync/push`, people.map((p) => p.token), campaign.id);
    await new Promise<void>((r) => server.close(() => r()));
    await store.close({ compact: false });
    return { result, startupMs, heapMB, rssMB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor for a durable write: parse, append one line, fsync, answer. No auth, no merge, no group commit. */
async function baseline(): Promise<Result> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-baseline-'));
  const file = await open(path.join(dir, 'pushes.log'), 'a');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { mutations: { id: number }[] };
      await file.appendFile(`${JSON.stringify(body)}\n`);
      await file.datasync();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ lastMutationID: body.mutations.at(-1)?.id ?? 0, rejected: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    return await drive('baseline: append + fsync per push', `http://127.0.0.1:${port}/`, Array.from({ length: CLIENTS }, () => 'x'), 'k-baseline');
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await file.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function (): Promise<string> {
  const base = await baseline();
  const small = await taizhang(10_000);
  const large = await taizhang(100_000);
  const row = (r: Result) =>
    `| ${r.label} | ${r.pushes} | ${(r.pushes / r.seconds).toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.pushes / r.seconds / (base.pushes / base.seconds)).toFixed(2)}× |`;
  return [
    '### Sync push: 50 concurrent clients',
    '',
    `Each client sends its next push (one new opinion record) as soon as the last is answered, for ${DURATION_MS / 1000} s. The load runs in a worker thread of the same process; both servers get the same machine.`,
    'Aim: p99 under 50 ms at 100k records, at least half the baseline’s throughput.',
    '',
    '| workload | pushes | pushes/s | p50 ms | p99 ms | throughput vs baseline |',
    '|---|---:|---:|---:|---:|---:|',
    row(base),
    row(small.result),
    row(large.result),
    '',
    '| store at start | start-up (open: snapshot + log) | heap held by the store | process RSS |',
    '|---|---:|---:|---:|',
    `| 10,000 records | ${small.startupMs.toFixed(0)} ms | ${small.heapMB.toFixed(0)} MB | ${small.rssMB.toFixed(0)} MB |`,
    `| 100,000 records | ${large.startupMs.toFixed(0)} ms | ${large.heapMB.toFixed(0)} MB | ${large.rssMB.toFixed(0)} MB |`,
    '',
  ].join('\n');
}
