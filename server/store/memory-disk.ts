/**
 * A `Disk` that keeps its files in memory: the store's own code (log, snapshots, compaction, undo
 * of a failed write, reopen) runs unchanged, with nothing on the file system and no fsync. Used for
 * throwaway stores (the http tests, tools) — a process that ends loses it, by design.
 */
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import type { Disk, DiskFile } from './disk';
import { StoreLockedError, type DirLock } from './lock';

const norm = (path: string) => posix.normalize(path).replace(/\/+$/, '') || '/';

function notFound(op: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${op} '${path}'`), { code: 'ENOENT', errno: -2, syscall: op, path });
}

/** A file as the chunks written to it: appending is O(1), so a long log costs no more than on a real disk. */
class MemoryFile {
  private chunks: Buffer[] = [];
  size = 0;

  append(data: Uint8Array): void {
    this.chunks.push(Buffer.from(data));
    this.size += data.byteLength;
  }

  contents(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  truncate(length: number): void {
    const all = this.contents();
    this.chunks = [length <= all.length ? all.subarray(0, length) : Buffer.concat([all, Buffer.alloc(length - all.length)])];
    this.size = length;
  }
}

export class MemoryDisk implements Disk {
  private readonly files = new Map<string, MemoryFile>();
  private readonly dirs = new Set<string>(['/']);
  private readonly locks = new Set<string>();

  private checkParent(op: string, path: string): void {
    if (!this.dirs.has(posix.dirname(path))) throw notFound(op, path);
  }

  async open(path: string, flags: 'a+' | 'w' | 'r'): Promise<DiskFile> {
    const p = norm(path);
    if (flags === 'r') {
      if (!this.files.has(p) && !this.dirs.has(p)) throw notFound('open', p);
    } else {
      this.checkParent('open', p);
      if (flags === 'w' || !this.files.has(p)) this.files.set(p, new MemoryFile());
    }
    // Looked up on each call: a rename or unlink after open is seen as the real file system would not, but the store never does that to an open file.
    const file = () => this.files.get(p) ?? new MemoryFile();
    return {
      async write(data) {
        // Appends in both modes: the store only ever writes a file from its start or its end.
        file().append(data);
        return data.byteLength;
      },
      datasync: async () => {},
      sync: async () => {},
      truncate: async (length) => file().truncate(length),
      size: async () => file().size,
      close: async () => {},
    };
  }

  async rename(from: string, to: string): Promise<void> {
    const [f, t] = [norm(from), norm(to)];
    const data = this.files.get(f);
    if (!data) throw notFound('rename', f);
    this.checkParent('rename', t);
    this.files.delete(f);
    this.files.set(t, data);
  }

  async unlink(path: string): Promise<void> {
    if (!this.files.delete(norm(path))) throw notFound('unlink', path);
  }

  async readFile(path: string): Promise<Buffer> {
    const file = this.files.get(norm(path));
    if (!file) throw notFound('open', path);
    return Buffer.from(file.contents());
  }

  async readdir(path: string): Promise<string[]> {
    const dir = norm(path);
    if (!this.dirs.has(dir)) throw notFound('scandir', dir);
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) if (p !== dir && posix.dirname(p) === dir) names.add(posix.basename(p));
    return [...names].sort();
  }

  createReadStream(path: string): Readable {
    const file = this.files.get(norm(path));
    if (!file) {
      const stream = new Readable({ read() {} });
      queueMicrotask(() => stream.destroy(notFound('open', path)));
      return stream;
    }
    return Readable.from([Buffer.from(file.contents())]);
  }

  async mkdir(path: string): Promise<void> {
    for (let p = norm(path); !this.dirs.has(p); p = posix.dirname(p)) this.dirs.add(p);
  }

  exists(path: string): boolean {
    const p = norm(path);
    return this.files.has(p) || this.dirs.has(p);
  }

  /** One writer per directory within this disk, as the lock file gives across processes. */
  lock(dataDir: string): DirLock {
    const dir = norm(dataDir);
    const path = posix.join(dir, 'LOCK');
    if (this.locks.has(dir)) throw new StoreLockedError({ pid: process.pid, host: 'memory', startedAt: new Date().toISOString() }, path);
    this.locks.add(dir);
    let released = false;
    return {
      path,
      release: () => {
        if (released) return;
        released = true;
        this.locks.delete(dir);
      },
    };
  }
}
