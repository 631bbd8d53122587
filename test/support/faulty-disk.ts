/**
 * A Disk that fails on purpose: the real file system, except that an armed operation throws the
 * error a full or failing disk gives (ENOSPC, EIO) — optionally after writing part of the data,
 * as a disk that fills up mid-line does.
 */
import type { Disk, DiskFile } from '../../server/store/disk';
import { realDisk } from '../../server/store/disk';

export type FaultOp = 'write' | 'datasync' | 'sync' | 'truncate' | 'rename' | 'open';

export interface Fault {
  op: FaultOp;
  /** Only paths matching this fail (default: any). */
  path?: RegExp;
  /** How many times it fails before the disk works again (default 1). */
  times?: number;
  code?: 'ENOSPC' | 'EIO';
  /** For writes: how many bytes reach the file before the error. */
  partialBytes?: number;
}

export class FaultyDisk implements Disk {
  private faults: Fault[] = [];
  /** Every fault that fired, for assertions. */
  readonly fired: { op: FaultOp; path: string }[] = [];

  arm(fault: Fault): this {
    this.faults.push({ times: 1, code: 'ENOSPC', ...fault });
    return this;
  }

  disarm(): void {
    this.faults = [];
  }

  private check(op: FaultOp, path: string): Fault | null {
    const fault = this.faults.find((f) => f.op === op && (!f.path || f.path.test(path)) && (f.times ?? 1) > 0);
    if (!fault) return null;
    fault.times = (fault.times ?? 1) - 1;
    this.fired.push({ op, path });
    return fault;
  }

  private static error(fault: Fault, op: string, path: string): Error {
    const text = fault.code === 'EIO' ? 'i/o error' : 'no space left on device';
    return Object.assign(new Error(`${fault.code}: ${text}, ${op} '${path}'`), { code: fault.code, errno: fault.code === 'EIO' ? -5 : -28 });
  }

  async open(path: string, flags: 'a+' | 'w' | 'r'): Promise<DiskFile> {
    const f = this.check('open', path);
    if (f) throw FaultyDisk.error(f, 'open', path);
    const file = await realDisk.open(path, flags);
    return {
      write: async (data) => {
        const fault = this.check('write', path);
        if (!fault) return file.write(data);
        if (fault.partialBytes) await file.write(data.subarray(0, Math.min(fault.partialBytes, data.length)));
        throw FaultyDisk.error(fault, 'write', path);
      },
      datasync: async () => {
        const fault = this.check('datasync', path);
        if (fault) throw FaultyDisk.error(fault, 'fdatasync', path);
        return file.datasync();
      },
      sync: async () => {
        const fault = this.check('sync', path);
        if (fault) throw FaultyDisk.error(fault, 'fsync', path);
        return file.sync();
      },
      truncate: async (length) => {
        const fault = this.check('truncate', path);
        if (fault) throw FaultyDisk.error(fault, 'ftruncate', path);
        return file.truncate(length);
      },
      size: () => file.size(),
      close: () => file.close(),
    };
  }

  async rename(from: string, to: string): Promise<void> {
    const f = this.check('rename', from);
    if (f) throw FaultyDisk.error(f, 'rename', from);
    return realDisk.rename(from, to);
  }

  unlink = realDisk.unlink;
  readFile = realDisk.readFile;
  readdir = realDisk.readdir;
  createReadStream = realDisk.createReadStream;
  mkdir = realDisk.mkdir;
  exists = realDisk.exists;
  lock = realDisk.lock;
}
