/**
 * The real server as a child process, from the sources through tsx (`npm run server` runs the same code compiled;
 * test/deploy/production.test.ts runs the build):
 * for tests of start-up, locking and crashes, and for browser tests that want the real thing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './paths';

export interface ServerProcess {
  url: string;
  dataDir: string;
  adminToken: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const LISTENING = /Taizhang server listening on (http:\/\/\S+)/;

export function tempDataDir(prefix = 'taizhang-data-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Spawns the server; resolves once it prints its listening line, rejects if it exits first. */
export function spawnServer(opts: { dataDir?: string; adminToken?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const adminToken = opts.adminToken ?? `test-admin-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(projectRoot, 'server/main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`server did not start within 30 s:\n${out}`));
    }, 30_000);
    const onData = () => {
      const m = LISTENING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ url: m[1]!, dataDir, adminToken, child, output: () => out, stop });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code} before listening:\n${out}`), { code, output: out }));
    });
  });
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function spawnServerExpectingExit(opts: Parameters<typeof spawnServer>[0]): Promise<{ code: number | null; output: string }> {
  try {
    const s = await spawnServer(opts);
    await s.stop();
    throw new Error(`server started but was expected to refuse:\n${s.output()}`);
  } catch (err) {
    const e = err as Error & { code?: number | null; output?: string };
    if (e.output === undefined) throw err;
    return { code: e.code ?? null, output: e.output };
  }
}
