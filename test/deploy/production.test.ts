/**
 * The deployment guide (deploy/README.md) followed on this machine: the server built, installed in a
 * directory of its own with production dependencies only and run with `node`; the systemd units checked by
 * systemd; the nginx example checked by `nginx -t` and then serving HTTPS in front of that server; the
 * backup script run against the live data directory and the restore drill serving the same data from it.
 * Without nginx or systemd-analyze their checks are skipped locally and fail with CI=true (.ci/run
 * installs both); the units are always parsed for the keys the guide promises.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCI, projectRoot } from '../support/paths';

const run = promisify(execFile);
const root = mkdtempSync(path.join(os.tmpdir(), 'taizhang-deploy-'));
/** What campus IT puts in /opt/taizhang/current: the build, the package files, deploy/. */
const release = path.join(root, 'release');
const dataDir = path.join(root, 'data');
const backupDir = path.join(root, 'backups');
const adminToken = `deploy-test-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
const children: ChildProcess[] = [];

/** Nothing from this checkout: no NODE_OPTIONS loader, no NODE_PATH, only what a service would have. */
const serviceEnv = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, LANG: 'C.UTF-8', ...extra });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** nginx and systemd-analyze must be there in CI (.ci/run installs them); locally without them those checks are skipped. */
function has(command: string, { requiredInCI = false } = {}): boolean {
  const found = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((d) => existsSync(path.join(d, command)));
  if (!found && requiredInCI && inCI) throw new Error(`CI=true but ${command} is missing: the deployment guide must be checked in CI`);
  return found;
}

/** Starts a process and resolves once its output matches `ready`. */
function start(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp },
): Promise<{ child: ChildProcess; match: RegExpExecArray; output: () => string }> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not get ready:\n${out}`)), 30_000);
    const look = (b: Buffer) => {
      out += b.toString();
      const match = opts.ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => out });
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code}:\n${out}`));
    });
  });
}

let serverUrl = '';
let serverChild: ChildProcess | null = null;

const serverEnv = () => serviceEnv({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, TRUST_PROXY: '127.0.0.1' });

/** `systemctl stop`: SIGTERM, and wait until it has written its snapshot and exited. */
async function stopServer(): Promise<number | null> {
  const child = serverChild!;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  return exited;
}

/** `systemctl start` from a release directory (the unit runs /opt/taizhang/current/dist/server/main.js). */
async function startServer(dir: string): Promise<void> {
  const server = await start(process.execPath, ['--enable-source-maps', path.join(dir, 'dist/server/main.js')], {
    cwd: dir,
    env: serverEnv(),
    ready: /listening on (http:\/\/\S+)/,
  });
  serverUrl = server.match[1]!;
  serverChild = server.child;
}

beforeAll(async () => {
  await run(process.execPath, ['scripts/build-server.mjs', '--outdir', path.join(release, 'dist/server'), '--quiet'], { cwd: projectRoot });
  for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(projectRoot, f), path.join(release, f));
  cpSync(path.join(projectRoot, 'deploy'), path.join(release, 'deploy'), { recursive: true });
  // As deploy/README.md says; from the local npm cache when it has the packages.
  await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: release, timeout: 150_000 });
  mkdirSync(dataDir);
  // No PUBLIC_URL here: whether a request came over HTTPS is then the trusted proxy's X-Forwarded-Proto.
  await startServer(release);
}, 200_000);

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  rmSync(root, { recursive: true, force: true });
});

const api = (p: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${serverUrl}/api/v1${p}`, {
    ...init,
    headers: { authorization: `Bearer ${init.token ?? adminToken}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });

describe('the production build', () => {
  it('is installed with production dependencies only: no tsx, vite, wxt, esbuild or vitest', () => {
    const modules = path.join(release, 'node_modules');
    expect(existsSync(path.join(modules, 'hono/package.json'))).toBe(true);
    for (const dev of ['tsx', 'vite', 'wxt', 'esbuild', 'vitest', 'typescript']) expect(existsSync(path.join(modules, dev)), dev).toBe(false);
    expect(readFileSync(path.join(release, 'dist/server/main.js'), 'utf8')).not.toMatch(/from ["']tsx|import\(["']tsx/);
  });

  it('runs with node and answers /api/v1/me with the admin token; the console stylesheet and the grouping worker are found beside it', async () => {
    const me = await api('/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.role).toBe('admin');

    const login = await fetch(`${serverUrl}/console/login`);
    const css = /href="(\/console\/assets\/console\.[0-9a-f]+\.css)"/.exec(await login.text())?.[1];
    expect(css).toBeDefined();
    const sheet = await fetch(`${serverUrl}${css}`);
    expect(sheet.headers.get('content-type')).toContain('text/css');
    expect((await sheet.text()).length).toBeGreaterThan(1000);

    // Opinions are grouped in a worker thread (dist/server/grouping-worker.js): two cadres, the same words, one item.
    const created = await (await api('/users', { method: 'POST', body: JSON.stringify({ name: '赵老师', unit: '后勤处' }) })).json();
    const campaign = (
      await (
        await api('/campaigns', { method: 'POST', body: JSON.stringify({ title: '意见征集', template: 'mass-line', memberIds: [created.user.id] }) })
      ).json()
    ).campaign;
    const opinion = (id: string, n: number) => ({
      id: n,
      entity: 'record',
      entityId: id,
      hlc: `${Date.now()}-000${n}-c1`,
      fields: {
        campaignId: campaign.id,
        kind: 'opinion',
        stage: campaign.stages[0].key,
        content: '食堂晚餐供应时间太短，希望延长到八点',
        fromGroup: '教职工',
        channel: '座谈会',
        category: campaign.categories[0],
        heardOn: '2025-04-10',
        page: { url: 'https://oa.example.edu.cn/doc/1', title: '通知' },
      },
    });
    const push = await api('/sync/push', {
      method: 'POST',
      token: created.token,
      body: JSON.stringify({ protocolVersion: 1, clientId: 'c1', mutations: [opinion('r-1', 1), opinion('r-2', 2)] }),
    });
    expect((await push.json()).rejected).toEqual([]);
    const opinions = await (await api(`/campaigns/${campaign.id}/opinions`)).json();
    expect(opinions.items).toHaveLength(1);
    expect(opinions.items[0].mentions).toBe(2);
  });

  it('the admin CLI from the build adds a user through the running server, which signs in at once', async () => {
    const { stdout } = await run(process.execPath, ['dist/server/cli.js', 'add-user', '--name', '钱老师', '--unit', '教务处'], {
      cwd: release,
      env: serviceEnv({ DATA_DIR: dataDir, ADMIN_TOKEN: adminToken }),
    });
    expect(stdout).toContain(`经由运行中的服务器 ${serverUrl}`);
    const token = /令牌（只显示这一次）：(\S+)/.exec(stdout)![1]!;
    const me = await api('/me', { token });
    expect((await me.json()).user.name).toBe('钱老师');
  });
});

describe('npm run build:server --if-changed (what npm start runs)', () => {
  it('skips a build whose stamp matches the sources, and builds again when it does not', async () => {
    const outdir = path.join(root, 'build-twice');
    const build = async () => (await run(process.execPath, ['scripts/build-server.mjs', '--if-changed', '--outdir', outdir], { cwd: projectRoot })).stdout;
    expect(await build()).toContain('服务器已构建到');
    const stamp = JSON.parse(readFileSync(path.join(outdir, 'build-info.json'), 'utf8'));
    expect(stamp.inputs).toMatch(/^[0-9a-f]{64}$/);
    expect(await build()).toContain('服务器构建已是最新');
    writeFileSync(path.join(outdir, 'build-info.json'), JSON.stringify({ ...stamp, inputs: '0'.repeat(64) }));
    expect(await build()).toContain('服务器已构建到');
    expect(existsSync(path.join(outdir, 'assets/console.css'))).toBe(true);
  });
});

describe('deploy/taizhang-admin', () => {
  it('runs the CLI with the service’s env file: through the running server while it holds the data', async () => {
    const envFile = path.join(root, 'taizhang.env');
    writeFileSync(envFile, `HOST=127.0.0.1\nDATA_DIR=${dataDir}\nADMIN_TOKEN=${adminToken}\nTZ_NAME=Asia/Shanghai\n`);
    const { stdout } = await run(path.join(release, 'deploy/taizhang-admin'), ['list-users'], {
      env: serviceEnv({ ENV_FILE: envFile, TAIZHANG_HOME: release, SERVICE_USER: os.userInfo().username }),
    });
    expect(stdout).toContain(`经由运行中的服务器 ${serverUrl}`);
    expect(stdout).toMatch(/^u-\S+\t管理员\t活动办公室\tadmin$/m);
  });
});

describe('deploy/: the service units', () => {
  /** The units as installed on this machine: the release where /opt/taizhang/current would be, this node. */
  function installUnits(): string {
    const dir = mkdtempSync(path.join(root, 'units-'));
    for (const f of ['taizhang.service', 'taizhang-backup.service', 'taizhang-backup.timer']) {
      const text = readFileSync(path.join(release, 'deploy', f), 'utf8')
        .replaceAll('/opt/taizhang/current', release)
        .replaceAll('/usr/bin/node', process.execPath);
      writeFileSync(path.join(dir, f), text);
    }
    return dir;
  }

  it('are hardened as the guide says: a dedicated user, no new privileges, a read-only system but for the data', () => {
    const unit = readFileSync(path.join(projectRoot, 'deploy/taizhang.service'), 'utf8');
    const keys = new Map<string, string[]>();
    for (const line of unit.split('\n')) {
      const m = /^(\w+)=(.*)$/.exec(line);
      if (m) keys.set(m[1]!, [...(keys.get(m[1]!) ?? []), m[2]!]);
    }
    expect(keys.get('User')).toEqual(['taizhang']);
    expect(keys.get('NoNewPrivileges')).toEqual(['yes']);
    expect(keys.get('ProtectSystem')).toEqual(['strict']);
    expect(keys.get('ReadWritePaths')).toEqual(['/var/lib/taizhang']);
    expect(keys.get('ExecStart')?.[0]).toMatch(/^\/usr\/bin\/node .*\/dist\/server\/main\.js$/);
    expect(readFileSync(path.join(projectRoot, 'deploy/taizhang.env.example'), 'utf8')).toMatch(/^DATA_DIR=\/var\/lib\/taizhang$/m);
  });

  it.skipIf(!has('systemd-analyze', { requiredInCI: true }))(
    'pass systemd-analyze verify without a warning, and its security review rates them OK',
    async () => {
      const dir = installUnits();
      const { stderr } = await run('systemd-analyze', ['verify', 'taizhang.service', 'taizhang-backup.service', 'taizhang-backup.timer'], { cwd: dir });
      expect(stderr).toBe('');
      for (const unit of ['taizhang.service', 'taizhang-backup.service']) {
        const { stdout } = await run('systemd-analyze', ['security', '--offline=yes', unit], { cwd: dir });
        const exposure = Number(/Overall exposure level for \S+: ([\d.]+)/.exec(stdout)?.[1]);
        expect(exposure, unit).toBeLessThanOrEqual(2.5);
      }
    },
  );
});

describe('deploy/nginx: HTTPS in front of the server', () => {
  it.skipIf(!has('nginx', { requiredInCI: true }))(
    'nginx -t accepts the example; through it /api/v1/me answers over HTTPS, HTTP is sent to HTTPS, and the console cookie is Secure',
    async () => {
      const dir = mkdtempSync(path.join(root, 'nginx-'));
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=taizhang.example.edu.cn',
        '-keyout',
        `${dir}/privkey.pem`,
        '-out',
        `${dir}/fullchain.pem`,
      ]);
      const [httpPort, httpsPort] = [await freePort(), await freePort()];
      const site = readFileSync(path.join(projectRoot, 'deploy/nginx/taizhang.conf'), 'utf8')
        .replace(/^\s*listen \[::\].*$/gm, '')
        .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
        .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
        .replaceAll('/etc/ssl/taizhang', dir)
        .replaceAll('127.0.0.1:8787', new URL(serverUrl).host);
      writeFileSync(path.join(dir, 'site.conf'), site);
      writeFileSync(
        path.join(dir, 'nginx.conf'),
        `daemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  include ${dir}/site.conf;\n}\n`,
      );
      const { stderr } = await run('nginx', ['-t', '-c', `${dir}/nginx.conf`, '-p', dir]);
      expect(stderr).toContain('test is successful');

      // It prints nothing when ready: the first request below retries until it answers.
      children.push(spawn('nginx', ['-c', `${dir}/nginx.conf`, '-p', dir, '-e', `${dir}/error.log`], { cwd: dir, stdio: 'ignore' }));
      const ca = readFileSync(`${dir}/fullchain.pem`);
      const request = (method: string, p: string, headers: Record<string, string>, body?: string) =>
        new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
          const attempt = (left: number) => {
            const req = https.request({ host: '127.0.0.1', port: httpsPort, method, path: p, headers, ca, servername: 'taizhang.example.edu.cn' }, (res) => {
              let text = '';
              res.on('data', (b) => (text += b));
              res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
            });
            req.on('error', (err) => (left > 0 ? setTimeout(() => attempt(left - 1), 100) : reject(err)));
            req.end(body);
          };
          attempt(50);
        });
      const me = await request('GET', '/api/v1/me', { authorization: `Bearer ${adminToken}` });
      expect(me.status).toBe(200);
      expect(JSON.parse(me.body).user.role).toBe('admin');
      expect(me.headers['strict-transport-security']).toContain('max-age=');

      const plain = await fetch(`http://127.0.0.1:${httpPort}/console`, { redirect: 'manual' });
      expect(plain.status).toBe(301);
      expect(plain.headers.get('location')).toMatch(/^https:\/\//);

      // X-Forwarded-Proto from the trusted proxy: the session cookie is Secure through nginx, not on the bare port.
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const viaProxy = await request(
        'POST',
        '/console/login',
        { ...form, origin: `https://127.0.0.1:${httpsPort}`, host: `127.0.0.1:${httpsPort}` },
        `token=${adminToken}`,
      );
      expect(String(viaProxy.headers['set-cookie'])).toMatch(/; Secure/);
      const direct = await fetch(`${serverUrl}/console/login`, {
        method: 'POST',
        headers: { ...form, origin: serverUrl },
        body: `token=${adminToken}`,
        redirect: 'manual',
      });
      expect(direct.headers.get('set-cookie')).toBeTruthy();
      expect(direct.headers.get('set-cookie')).not.toMatch(/; Secure/);
    },
  );
});

describe('deploy/: backup and restore drill', () => {
  it('the backup script copies the live data directory while the server runs; the restore drill starts a server on it with the same users', async () => {
    const user = (await (await api('/users', { method: 'POST', body: JSON.stringify({ name: '孙老师', unit: '图书馆' }) })).json()).user;
    await api('/campaigns', { method: 'POST', body: JSON.stringify({ title: '读书月', memberIds: [user.id] }) });
    const { stdout: backedUp } = await run(path.join(release, 'deploy/taizhang-backup.sh'), [], {
      env: serviceEnv({ DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: '3', NODE: process.execPath }),
    });
    expect(backedUp).toMatch(/已备份到 .*taizhang-\d{8}T\d{6}Z/);

    const { stdout: live } = await run(process.execPath, ['dist/server/cli.js', 'list-users'], {
      cwd: release,
      env: serviceEnv({ DATA_DIR: dataDir, ADMIN_TOKEN: adminToken }),
    });
    const liveUsers = live
      .split('\n')
      .filter((l) => /^u-/.test(l))
      .sort();
    expect(liveUsers.length).toBeGreaterThanOrEqual(3);

    const { stdout: drill } = await run(path.join(release, 'deploy/restore-drill.sh'), [], {
      env: serviceEnv({ BACKUP_DIR: backupDir, ADMIN_TOKEN: adminToken, DRILL_PORT: String(await freePort()), NODE: process.execPath, TMPDIR: root }),
      timeout: 60_000,
    });
    expect(drill).toContain('恢复演练通过');
    expect(drill).toContain('/api/v1/me：管理员（admin）');
    const restoredUsers = drill
      .split('\n')
      .filter((l) => /^u-/.test(l))
      .sort();
    expect(restoredUsers).toEqual(liveUsers);
    expect(restoredUsers.join('\n')).toContain(`${user.id}\t孙老师\t图书馆\tmember`);
    expect(drill).toMatch(/^k-\S+\t读书月\t成员 1 人$/m);
    expect(readdirSync(root).filter((n) => n.startsWith('taizhang-drill'))).toEqual([]);
    // The drill cleans up after itself and never touched the live directory.
    expect(readFileSync(path.join(dataDir, 'server.json'), 'utf8')).toContain(serverUrl);
  });
});

describe('deploy/README.md 七、升级: a new release beside the old, switched to, and rolled back', () => {
  it('keeps every user and campaign across the switch and the rollback, and the old release serves until the switch', async () => {
    const before = await listUsersAndCampaigns();
    // 2. The new release prepared beside the running one (a fresh build of the server, its own production dependencies).
    const next = path.join(root, 'releases', 'next');
    mkdirSync(path.dirname(next), { recursive: true });
    await run(process.execPath, ['scripts/build-server.mjs', '--outdir', path.join(next, 'dist/server'), '--quiet'], { cwd: projectRoot });
    for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(projectRoot, f), path.join(next, f));
    cpSync(path.join(projectRoot, 'deploy'), path.join(next, 'deploy'), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: next, timeout: 150_000 });
    const current = path.join(root, 'current');
    symlinkSync(release, current);
    expect((await api('/me')).status).toBe(200); // the old release still serves meanwhile

    // 3. Switch and restart: the link changes, the service restarts from it, nothing is lost.
    expect(await stopServer()).toBe(0);
    await run('ln', ['-sfn', next, current]);
    await startServer(current);
    expect(realpathSync(current)).toBe(next);
    expect(await listUsersAndCampaigns()).toEqual(before);
    // 4. The checks the guide names.
    const me = await api('/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.role).toBe('admin');

    // 5. Rollback: the old release, the same data.
    expect(await stopServer()).toBe(0);
    await run('ln', ['-sfn', release, current]);
    await startServer(current);
    expect(realpathSync(current)).toBe(release);
    expect(await listUsersAndCampaigns()).toEqual(before);
  }, 240_000);
});

/** What the office would look at after an upgrade: the users and campaigns, through the running server. */
async function listUsersAndCampaigns(): Promise<{ users: string[]; campaigns: string[] }> {
  const users = (await (await api('/users')).json()).users as Array<{ id: string; name: string; unit: string; role: string }>;
  const campaigns = (await (await api('/campaigns')).json()).campaigns as Array<{ id: string; title: string; memberIds: string[] }>;
  return {
    users: users.map((u) => `${u.id}\t${u.name}\t${u.unit}\t${u.role}`).sort(),
    campaigns: campaigns.map((k) => `${k.id}\t${k.title}\t${k.memberIds.length}`).sort(),
  };
}
