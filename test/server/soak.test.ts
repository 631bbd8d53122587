/**
 * A bounded soak: ten extension clients push new records and edits for a minute while the real
 * server, limited to a 256 MB heap, is killed with SIGKILL and restarted every ten seconds. Every
 * restart must come up, and at the end every acknowledged write is there exactly as acknowledged:
 * nothing lost, nothing duplicated.
 */
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../support/random';
import { spawnServer, tempDataDir, type ServerProcess } from '../support/server-process';

const SOAK_MS = Number(process.env.SOAK_MS ?? 60_000);
const KILL_EVERY_MS = 10_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Client {
  clientId: string;
  token: string;
  nextId: number;
  /** Mutations not yet acknowledged, in id order; resent as they are until they are. */
  outbox: { id: number; entity: 'record'; entityId: string; hlc: string; fields: Record<string, unknown> }[];
  own: string[];
}

describe('soak', () => {
  it(
    `10 clients for ${SOAK_MS / 1000} s, SIGKILL and restart every ${KILL_EVERY_MS / 1000} s, a 256 MB heap: no acknowledged write lost or duplicated, no restart failing`,
    async () => {
      const dataDir = tempDataDir('taizhang-soak-');
      dirs.push(dataDir);
      const port = String(await freePort());
      const launch = (adminToken?: string) => spawnServer({ dataDir, adminToken, env: { PORT: port }, nodeArgs: ['--max-old-space-size=256'] });
      let server: ServerProcess = await launch();
      const url = server.url;
      const admin = server.adminToken;
      const api = async (path: string, token: string, body: unknown) => {
        const res = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as any };
      };

      const members: { user: { id: string }; token: string }[] = [];
      for (let i = 0; i < 5; i++) members.push((await api('/api/v1/users', admin, { name: `干部${i}`, unit: '单位' })).body);
      const campaignId = (await api('/api/v1/campaigns', admin, { title: '浸泡测试', template: 'grassroots', memberIds: members.map((m) => m.user.id) })).body
        .campaign.id as string;
      const clients: Client[] = Array.from({ length: 10 }, (_, i) => ({ clientId: `soak-${i}`, token: members[i % 5]!.token, nextId: 1, outbox: [], own: [] }));
      /** What each record must hold at the end: the content of its last acknowledged write. */
      const expected = new Map<string, string>();
      const rng = new Rng(20251202);
      let stamp = Date.now();
      let acks = 0;
      let restarts = 0;
      const unexpected: string[] = [];

      const deadline = Date.now() + SOAK_MS;
      const loops = clients.map(async (c) => {
        while (Date.now() < deadline) {
          if (c.outbox.length < 50) {
            for (let k = 1 + rng.int(5); k > 0; k--) {
              const id = c.nextId++;
              const editing = c.own.length > 0 && rng.chance(0.4);
              const entityId = editing ? rng.pick(c.own) : `r-${c.clientId}-${id}`;
              if (!editing) c.own.push(entityId);
              const content = `${c.clientId} 第${id}次写入：食堂${rng.int(100)}号窗口排队时间太长`;
              const fields = editing
                ? { content }
                : { campaignId, kind: 'opinion', stage: '', content, fromGroup: '学生', channel: '座谈会', category: '后勤服务', heardOn: '2025-06-01' };
              c.outbox.push({ id, entity: 'record', entityId, hlc: `${++stamp}-0000-${c.clientId}`, fields });
            }
          }
          const sent = [...c.outbox];
          try {
            const res = await api('/api/v1/sync/push', c.token, { protocolVersion: 1, clientId: c.clientId, mutations: sent });
            if (res.status !== 200 || res.body.rejected.length > 0) {
              unexpected.push(`${c.clientId}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
              continue;
            }
            for (const m of sent) if (m.id <= res.body.lastMutationID) expected.set(m.entityId, m.fields.content as string);
            c.outbox = c.outbox.filter((m) => m.id > res.body.lastMutationID);
            acks++;
          } catch {
            // The server is down (killed, restarting): the reply is unknown; the outbox is resent as it is.
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      });

      const began = Date.now();
      const killer = (async () => {
        // On a fixed schedule (10 s, 20 s, …), not 10 s after each restart finished.
        for (let k = 1; began + k * KILL_EVERY_MS < deadline; k++) {
          await new Promise((r) => setTimeout(r, Math.max(0, began + k * KILL_EVERY_MS - Date.now())));
          await server.stop('SIGKILL');
          server = await launch(admin); // rejects (failing the test) if a restart does not come up
          restarts++;
        }
      })();
      await Promise.all([...loops, killer]);

      // Drain: every outbox goes through once more on the last life.
      for (const c of clients) {
        const res = await api('/api/v1/sync/push', c.token, { protocolVersion: 1, clientId: c.clientId, mutations: c.outbox });
        expect(res.body.lastMutationID).toBe(c.nextId - 1);
        for (const m of c.outbox) expected.set(m.entityId, m.fields.content as string);
      }
      await server.stop('SIGKILL');
      server = await launch(admin);

      expect(unexpected).toEqual([]);
      expect(restarts).toBe(Math.ceil(SOAK_MS / KILL_EVERY_MS) - 1);
      expect(acks).toBeGreaterThan(100);
      // Every member pulls everything they own: each acknowledged record once, with its last acknowledged content.
      const seen = new Map<string, string>();
      for (const m of members) {
        let cursor = null;
        let more = true;
        while (more) {
          const res = await api('/api/v1/sync/pull', m.token, { protocolVersion: 1, clientId: `soak-check-${m.user.id}`, cursor, limit: 1000 });
          for (const e of res.body.entities.filter((x: { entity: string }) => x.entity === 'record')) {
            expect(seen.has(e.id), `duplicate ${e.id}`).toBe(false);
            seen.set(e.id, e.data.content);
          }
          cursor = res.body.cursor;
          more = res.body.hasMore;
        }
      }
      const lost = [...expected].filter(([id]) => !seen.has(id)).map(([id]) => id);
      expect(lost).toEqual([]);
      const wrong = [...expected].filter(([id, content]) => seen.get(id) !== content).map(([id]) => id);
      expect(wrong).toEqual([]);
      expect(seen.size).toBe(expected.size);
      expect(await server.stop('SIGTERM')).toBe(0);
    },
    SOAK_MS + 120_000,
  );
});
