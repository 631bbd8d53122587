/**
 * One writer per DATA_DIR: a lock file created exclusively, naming its holder. A lock left by a
 * process that no longer runs on this host (kill -9, power cut) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export class StoreLockedError extends Error {
  constructor(
    readonly holder: LockHolder | null,
    readonly lockPath: string,
  ) {
    super(
      holder
        ? `数据目录已被另一个台账服务器占用（进程 ${holder.pid}，主机 ${holder.host}，启动于 ${holder.startedAt}）。锁文件：${lockPath}`
        : `数据目录已被另一个台账服务器占用（锁文件 ${lockPath} 无法读取）`,
    );
    this.name = 'StoreLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

export interface DirLock {
  readonly path: string;
  release(): void;
}

export function acquireLock(dataDir: string): DirLock {
  const path = join(dataDir, 'LOCK');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
      writeSync(fd, JSON.stringify(me));
      fsyncSync(fd);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          const holder = readHolder(path);
          if (holder?.pid === me.pid && holder.startedAt === me.startedAt) unlinkSync(path);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(path);
      const stale = holder !== null && holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);
      if (!stale || attempt > 0) throw new StoreLockedError(holder, path);
      unlinkSync(path);
    }
  }
  throw new StoreLockedError(readHolder(path), path);
}
