/**
 * One writer per DATA_DIR: a lock file created exclusively, naming its holder. A lock left by a
 * process that no longer runs on this host (kill -9, power cut) is taken over — atomically, so two
 * servers starting at once over a stale lock can never both end up holding it.
 *
 * Taking over is "replace this exact stale content", which POSIX has no single call for. It is
 * done under a claim: a file named after a hash of the stale content, created exclusively
 * (O_EXCL). Only the process that created the claim may replace the lock, and only after reading
 * the lock again and finding it unchanged; it then renames its own lock file over it (atomic) and
 * removes the claim. A claim whose maker died is itself stale and is taken over the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells apart two holders with the same pid and start time (a recycled pid). */
  nonce?: string;
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

function readRaw(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(raw: string | null): LockHolder | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as LockHolder;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** A holder that is surely gone: on this host, not us, and its process no longer runs. */
const isStale = (holder: LockHolder | null): holder is LockHolder =>
  holder !== null && holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);

/** An empty or unreadable file older than this was left by a process that died while writing it. */
const HALF_WRITTEN_MS = 10_000;

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function fsyncDirSync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a new file and renames it over `path`: readers see the old content or the new, never a mix. */
function replaceAtomically(path: string, content: string): void {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.${process.pid}.tmp`);
  if (!createExclusive(tmp, content)) throw new Error(`临时锁文件已存在：${tmp}`);
  renameSync(tmp, path);
  fsyncDirSync(dirname(path));
}

/**
 * Replaces `path` with `content` if, and only if, it still holds `expected` — with every other
 * process trying the same excluded by the claim. Returns false when someone else got there first.
 */
function replaceIfUnchanged(path: string, expected: string, content: string, depth = 0): boolean {
  const claim = `${path}.takeover-${createHash('sha256').update(expected).digest('hex').slice(0, 16)}`;
  if (!createExclusive(claim, content)) {
    const claimRaw = readRaw(claim);
    if (claimRaw === null) return false; // the claim went away meanwhile: let the caller look again
    const claimer = parseHolder(claimRaw);
    const abandoned = claimer ? isStale(claimer) : Date.now() - mtimeOf(claim) > HALF_WRITTEN_MS;
    if (!abandoned || depth >= 3) return false;
    // The claimer died half-way: take over its claim first, the same way.
    if (!replaceIfUnchanged(claim, claimRaw, content, depth + 1)) return false;
  }
  try {
    if (readRaw(path) !== expected) return false;
    replaceAtomically(path, content);
    return true;
  } finally {
    if (readRaw(claim) === content) unlinkSync(claim);
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

export interface DirLock {
  readonly path: string;
  release(): void;
}

export interface LockOptions {
  /** Called when a stale lock was found, before taking it over: lets a test make two takers overlap. */
  onStale?: () => void;
}

export function acquireLock(dataDir: string, { onStale }: LockOptions = {}): DirLock {
  const path = join(dataDir, 'LOCK');
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), nonce: randomBytes(8).toString('hex') };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, content)) return heldLock(path, content);
    const raw = readRaw(path);
    if (raw === null) continue; // released meanwhile: try again
    const holder = parseHolder(raw);
    const abandoned = holder ? isStale(holder) : Date.now() - mtimeOf(path) > HALF_WRITTEN_MS;
    if (!abandoned) throw new StoreLockedError(holder, path);
    onStale?.();
    if (replaceIfUnchanged(path, raw, content)) return heldLock(path, content);
    // Another process took it over first; the next look finds it alive and refuses.
  }
  throw new StoreLockedError(parseHolder(readRaw(path)), path);
}

function heldLock(path: string, content: string): DirLock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      if (readRaw(path) === content) unlinkSync(path);
    },
  };
}
