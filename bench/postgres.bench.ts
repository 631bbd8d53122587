/**
 * The PostgreSQL store under the sync bench's load (issue 15): 50 concurrent clients pushing one new
 * record each per request into a database of 100k records (1M with BENCH_PG_1M=1), served by one and
 * by two server processes (DATABASE_URL), against a bare `INSERT …; COMMIT` per push on the same
 * database and the embedded store at the same size, all in one run. The cluster is a throwaway one
 * with fsync on (production durability), as the postgres user when root. Also: each server's RSS after
 * the load (flat in the number of records, unlike the embedded store's heap) and the time to open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createCampaign } from '../server/campaigns/service';
import { createUser } from '../server/people/service';
import { openPostgresStore } from '../server/store/postgres/open';
import { upsertValues } from '../server/store/postgres/rows';
import { indexColumns, quoted, tableOf } from '../server/store/postgres/schema';
import { rebuildTallies } from '../server/store/postgres/tallies';
import { createTestDatabase, findPgBin, startPgCluster } from '../test/support/postgres';
import { drive, taizhang } from './sync.bench';

const CLIENTS = 50;
const DURATION_MS = 4_000;
const ROUNDS = 2;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Row {
  label: string;
  latencies: number[];
  seconds: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** 50 people in one campaign, then `records` opinion records written straight into the tables in batches. */
export async function seed(url: string, records: number): Promise<{ tokens: string[]; campaignId: string; openMs: number }> {
  const store = await openPostgresStore(url, { poolSize: 2 });
  const people: Awaited<ReturnType<typeof createUser>>[] = [];
  for (let i = 0; i < CLIENTS; i++) people.push(await createUser(store, { name: `干部${i}`, unit: `单位${i % 10}`, role: 'member' }));
  const campaign = await createCampaign(store, { title: '压测', template: 'grassroots', memberIds: people.map((p) => p.user.id) });
  const first = (await store.meta()).seq + 1;
  const at = new Date().toISOString();
  const columns = ['id', 'seq', 'bytes', 'doc', ...indexColumns('records').map(quoted)];
  const types = ['text', 'bigint', 'integer', 'json', 'text', 'text'];
  const client = await store.pool.connect();
  try {
    for (let done = 0; done < records; ) {
      const n = Math.min(5000, records - done);
      const rows = Array.from({ length: n }, (_, i) => {
        const k = done + i;
        const fields = {
          campaignId: campaign.id,
          kind: 'opinion',
          content: `预置意见 ${k}：宿舍热水供应不稳定，晚上经常没有热水`,
          fromGroup: '学生',
          channel: '问卷调查',
          category: '后勤服务',
          heardOn: '2025-05-20',
          deleted: false,
        };
        const doc = {
          id: `rp-${k}`,
          ownerId: people[k % CLIENTS]!.user.id,
          campaignId: campaign.id,
          fields,
          stamps: Object.fromEntries(Object.keys(fields).map((f) => [f, '1747000000000-0000-seed'])),
          createdAt: at,
          updatedAt: at,
          seq: first + k,
        };
        return upsertValues('records', doc, JSON.stringify(doc));
      });
      await client.query(
        `INSERT INTO ${tableOf('records')} (${columns.join(', ')}, ord) SELECT *, u.seq FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) AS u(${columns.map((c) => c.replaceAll('"', '')).join(', ')})`,
        columns.map((_, i) => rows.map((r) => r[i])),
      );
      done += n;
    }
    await client.query('UPDATE taizhang.store_meta SET seq = $1', [first + records - 1]);
    await rebuildTallies(client);
    await client.query('VACUUM ANALYZE taizhang.records');
  } finally {
    client.release();
  }
  await store.close();
  const t0 = performance.now();
  const reopened = await openPostgresStore(url, { poolSize: 2 });
  const openMs = performance.now() - t0;
  await reopened.close();
  return { tokens: people.map((p) => p.token), campaignId: campaign.id, openMs };
}

interface ServerProc {
  url: string;
  child: ChildProcess;
}

/** A real server process on the database, as `npm run server` starts it. */
function serverOn(databaseUrl: string): Promise<ServerProc> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, DATA_DIR: '/nonexistent-taizhang-bench' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** The floor on this database: parse, one INSERT in its own transaction (synchronous commit), answer. */
async function bareInsert(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('CREATE TABLE bench_baseline (id text PRIMARY KEY, doc json NOT NULL)');
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(body) as { mutations: { id: number }[] };
      await pool.query('INSERT INTO bench_baseline (id, doc) VALUES ($1, $2)', [`b-${n++}`, body]);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ lastMutationID: parsed.mutations.at(-1)?.id ?? 0, rejected: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
    },
  };
}

/** The clients split evenly over the given servers (a balancer's round robin), all at once. */
async function load(label: string, urls: string[], tokens: string[], campaignId: string, run: string): Promise<Row> {
  const parts = await Promise.all(
    urls.map((url, i) =>
      drive(
        label,
        url,
        tokens.filter((_, c) => c % urls.length === i),
        campaignId,
        `${run}-${i}`,
        DURATION_MS,
      ),
    ),
  );
  return { label, latencies: parts.flatMap((p) => p.latencies), seconds: Math.max(...parts.map((p) => p.seconds)) };
}

async function atSize(adminUrl: string, records: number): Promise<string[]> {
  const db = await createTestDatabase(adminUrl);
  const label = records.toLocaleString('en');
  try {
    const t0 = performance.now();
    const seeded = await seed(db.url, records);
    const seedSeconds = (performance.now() - t0) / 1000;
    const bare = await bareInsert(db.url);
    const servers = [await serverOn(db.url), await serverOn(db.url)];
    const embedded = await taizhang(records);
    const push = (s: ServerProc) => `${s.url}/api/v1/sync/push`;
    const pooled = new Map<string, Row>();
    const add = (row: Row) => {
      const had = pooled.get(row.label);
      pooled.set(row.label, had ? { label: row.label, latencies: [...had.latencies, ...row.latencies], seconds: had.seconds + row.seconds } : row);
    };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        add(await load(`bare INSERT; COMMIT per push (same database), ${label} records`, [bare.url], seeded.tokens, seeded.campaignId, `bare${round}`));
        add(await load(`PostgreSQL, one server, ${label} records`, [push(servers[0]!)], seeded.tokens, seeded.campaignId, `one${round}`));
        add(await load(`PostgreSQL, two servers, ${label} records`, servers.map(push), seeded.tokens, seeded.campaignId, `two${round}`));
        add(await load(`embedded store, ${label} records`, [embedded.url], embedded.tokens, embedded.campaignId, `emb${round}`));
      }
      const rss = servers.map((s) => rssOf(s.child.pid!));
      const rows = [...pooled.values()];
      const baseRate = rows[0]!.latencies.length / rows[0]!.seconds;
      return [
        ...rows.map((r) => {
          const rate = r.latencies.length / r.seconds;
          return `| ${r.label} | ${r.latencies.length} | ${rate.toFixed(0)} | ${percentile(r.latencies, 50).toFixed(1)} | ${percentile(r.latencies, 99).toFixed(1)} | ${(rate / baseRate).toFixed(2)}× |`;
        }),
        `<!-- memory ${label} -->| ${label} records | ${seedSeconds.toFixed(0)} s | ${seeded.openMs.toFixed(0)} ms | ${rss.map((m) => `${m.toFixed(0)} MB`).join(' / ')} | ${embedded.startupMs.toFixed(0)} ms, heap ${embedded.heapMB.toFixed(0)} MB |`,
      ];
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
      await bare.stop();
      await embedded.stop();
    }
  } finally {
    await db.drop();
  }
}

export default async function (): Promise<string> {
  if (!findPgBin()) return '### PostgreSQL store\n\nSkipped: PostgreSQL is not installed on this machine.';
  const cluster = await startPgCluster({ durable: true });
  try {
    const sizes = process.env.BENCH_PG_1M === '1' ? [100_000, 1_000_000] : [100_000];
    const lines: string[] = [];
    for (const n of sizes) lines.push(...(await atSize(cluster.url(), n)));
    const memory = lines.filter((l) => l.startsWith('<!-- memory')).map((l) => l.replace(/^<!-- memory [^>]+ -->/, ''));
    return [
      '### PostgreSQL store: 50 concurrent clients pushing',
      '',
      `A throwaway PostgreSQL cluster with fsync on. Each client sends its next push (one new record) as soon as the last is answered; the load runs in separate processes. The four targets take turns for ${ROUNDS} rounds of ${DURATION_MS / 1000} s. "Two servers": the clients split over two server processes on the same database. Every transaction locks the one counter row, so transactions run one at a time across servers (pipelined commits: the lock is released before the WAL flush, server/store/postgres/README.md): a second server adds HTTP and JSON capacity, not write concurrency.`,
      '',
      '| workload | pushes | pushes/s | p50 ms | p99 ms | vs bare INSERT |',
      '|---|---:|---:|---:|---:|---:|',
      ...lines.filter((l) => !l.startsWith('<!-- memory')),
      '',
      '| database | seeding | open (schema check) | server RSS after load (PostgreSQL, each process) | embedded store at the same size: open, heap |',
      '|---|---:|---:|---:|---:|',
      ...memory,
      '',
    ].join('\n');
  } finally {
    await cluster.stop();
  }
}
