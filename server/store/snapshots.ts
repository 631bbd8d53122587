/**
 * Snapshots of the whole store: lowdb documents (`Low<Snapshot>`) kept through our own adapter,
 * `SnapshotFile`, which writes them durably in chunks and reads them back line by line.
 *
 * The file is plain JSON, one document per line, with a CRC-32 of every document at the end:
 *
 *   {"schemaVersion":1,"epoch":"…","seq":42,"writtenAt":"…","collections":{
 *   "users":[
 *   {…}
 *   ,{…}
 *   ]
 *   ,"tokens":[
 *   ]
 *   },"checksums":{"users":"<8 hex digits per document>","tokens":""}}
 *
 * Line by line, so a snapshot of any size loads without one giant string (V8 caps a string near
 * 512 MB, and JSON.parse of the whole file would double the memory it needs), and so that damage is
 * found per document: a flipped byte names the document it hit, and `recover` keeps all the others.
 * Snapshots written before this layout (one line, no checksums) are still read.
 */
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { Disk } from './disk';
import { writeAll, writeDurably } from './durable-file';
import type { Dump } from './migrations';
import type { StoredDoc } from './wal';

/** Documents serialised per write: big enough that writes stay few, small enough that no chunk holds the event loop for long. */
const DOCS_PER_CHUNK = 500;

export interface Snapshot {
  schemaVersion: number;
  epoch: string;
  seq: number;
  writtenAt: string;
  collections: Dump;
  /** Filled when read, never written: each document's size (UTF-8 bytes of its line), in collection order. */
  sizes?: Record<string, number[]>;
}

const NAME = /^snapshot-(\d{16})\.json$/;
export const snapshotDir = (dataDir: string) => join(dataDir, 'snapshots');
export const snapshotName = (seq: number) => `snapshot-${String(seq).padStart(16, '0')}.json`;

const HEAD_END = ',"collections":{';
const CHECKSUMS_START = '},"checksums":';
const OPEN_COLLECTION = /^,?"([A-Za-z]+)":\[$/;
const hex = (s: string) => crc32(s).toString(16).padStart(8, '0');

/** What is wrong with one place in a snapshot file. */
export interface SnapshotProblem {
  line: number;
  collection?: string;
  /** The document's id and seq, when the damaged line still says them. */
  id?: string;
  seq?: number;
  reason: string;
}

export class SnapshotDamagedError extends Error {
  constructor(
    readonly path: string,
    readonly problems: SnapshotProblem[],
  ) {
    const first = problems[0];
    super(
      `快照文件 ${path} 已损坏${first ? `（第 ${first.line} 行：${first.reason}${first.id ? `，文档 ${first.collection}/${first.id}` : ''}）` : ''}${problems.length > 1 ? `，共 ${problems.length} 处` : ''}`,
    );
    this.name = 'SnapshotDamagedError';
  }
}

/** What a tolerant read could take from a snapshot, and what it could not. */
export interface SnapshotSalvage {
  head: Omit<Snapshot, 'collections' | 'sizes'> | null;
  collections: Dump;
  sizes?: Record<string, number[]>;
  problems: SnapshotProblem[];
}

/**
 * The lowdb adapter for one snapshot file. `read()` refuses a damaged file (SnapshotDamagedError);
 * `salvage()` reads what it can for `npm run admin -- recover`.
 */
export class SnapshotFile implements Adapter<Snapshot> {
  constructor(
    readonly path: string,
    private readonly disk: Disk,
  ) {}

  async read(): Promise<Snapshot | null> {
    const result = await this.scan();
    if (!result) return null;
    if (result.problems.length > 0 || !result.head) throw new SnapshotDamagedError(this.path, result.problems);
    return { ...result.head, collections: result.collections, ...(result.sizes ? { sizes: result.sizes } : {}) };
  }

  async salvage(): Promise<SnapshotSalvage> {
    return (await this.scan()) ?? { head: null, collections: {} as Dump, problems: [{ line: 0, reason: '文件不存在' }] };
  }

  /**
   * Streams the snapshot to disk durably (temp file, fsync, rename, fsync of the directory), one
   * chunk per write, so a 100k-document snapshot never blocks the event loop for its whole
   * serialisation. `snapshot.collections` must not change while this runs (the store hands over
   * the documents as of one seq; stored documents are frozen and replaced, never changed in place).
   */
  async write(snapshot: Snapshot): Promise<void> {
    await writeDurably(this.disk, this.path, async (file) => {
      const { collections, sizes: _sizes, ...head } = snapshot;
      await writeAll(file, `${JSON.stringify(head).slice(0, -1)}${HEAD_END}\n`);
      const checksums: Record<string, string> = {};
      let firstCollection = true;
      for (const [name, docs] of Object.entries(collections) as [string, StoredDoc[]][]) {
        let sums = '';
        let chunk = `${firstCollection ? '' : ','}${JSON.stringify(name)}:[\n`;
        firstCollection = false;
        for (let i = 0; i < docs.length; i++) {
          const json = JSON.stringify(docs[i]);
          sums += hex(json);
          chunk += `${i === 0 ? '' : ','}${json}\n`;
          if ((i + 1) % DOCS_PER_CHUNK === 0) {
            await writeAll(file, chunk);
            chunk = '';
          }
        }
        await writeAll(file, `${chunk}]\n`);
        checksums[name] = sums;
      }
      await writeAll(file, `${CHECKSUMS_START}${JSON.stringify(checksums)}}\n`);
    });
  }

  /** One pass over the file: every document that reads and matches its checksum, and every problem. */
  private async scan(): Promise<SnapshotSalvage | null> {
    const stream = this.disk.createReadStream(this.path);
    const problems: SnapshotProblem[] = [];
    const collections: Record<string, StoredDoc[]> = {};
    const sums: Record<string, { crc: string; line: number; doc: StoredDoc | null; bytes: number }[]> = {};
    const sizes: Record<string, number[]> = {};
    let head: Omit<Snapshot, 'collections' | 'sizes'> | null = null;
    let current: string | null = null;
    let stored: Record<string, string> | null = null;
    let n = 0;
    try {
      for await (const line of readLines(stream)) {
        n++;
        if (n === 1) {
          if (!line.endsWith(HEAD_END)) {
            stream.destroy();
            return await this.scanOneLine();
          }
          head = parseHead(`${line.slice(0, -HEAD_END.length)}}`);
          if (!head) problems.push({ line: n, reason: '文件头无法读取' });
          continue;
        }
        if (stored) {
          if (line.trim() !== '') problems.push({ line: n, reason: '文件末尾之后还有内容' });
          continue;
        }
        const open = OPEN_COLLECTION.exec(line);
        if (open) {
          current = open[1]!;
          collections[current] ??= [];
          sums[current] ??= [];
          sizes[current] ??= [];
          continue;
        }
        if (line === ']') {
          current = null;
          continue;
        }
        if (line.startsWith(CHECKSUMS_START)) {
          try {
            const parsed = JSON.parse(`{${line.slice(2)}`) as { checksums?: Record<string, string> };
            stored = parsed.checksums && typeof parsed.checksums === 'object' ? parsed.checksums : null;
          } catch {
            stored = null;
          }
          if (!stored) {
            problems.push({ line: n, reason: '校验和无法读取，文档内容无法确认' });
            stored = {};
          }
          continue;
        }
        const json = line.startsWith(',') ? line.slice(1) : line;
        if (current === null || !json.startsWith('{')) {
          problems.push({ line: n, reason: '无法识别的一行' });
          continue;
        }
        const doc = parseDoc(json);
        sums[current]!.push({ crc: hex(json), line: n, doc, bytes: Buffer.byteLength(json, 'utf8') });
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    } finally {
      stream.destroy();
    }
    if (!stored) {
      problems.push({ line: n, reason: '文件不完整（缺少结尾的校验和）' });
      stored = {};
    }
    const verified = Object.keys(stored).length > 0 || Object.values(sums).every((s) => s.length === 0);
    for (const [name, entries] of Object.entries(sums)) {
      const expected = stored[name];
      entries.forEach((e, i) => {
        const matches = expected !== undefined && expected.slice(i * 8, i * 8 + 8) === e.crc;
        if (e.doc && (matches || !verified)) {
          collections[name]!.push(e.doc);
          sizes[name]!.push(e.bytes);
        } else if (verified)
          problems.push({
            line: e.line,
            collection: name,
            ...(e.doc ? { id: e.doc.id, seq: e.doc.seq } : {}),
            reason: e.doc ? '内容与校验和不符' : '文档无法读取',
          });
        else problems.push({ line: e.line, collection: name, reason: '文档无法读取' });
      });
      if (expected !== undefined && expected.length !== entries.length * 8) {
        problems.push({ line: n, collection: name, reason: `文档数与校验和不符（文件中 ${entries.length} 个，应为 ${expected.length / 8} 个）` });
      }
    }
    return { head, collections: collections as Dump, sizes, problems };
  }

  /** Snapshots from before the line layout: one line of JSON, no checksums. */
  private async scanOneLine(): Promise<SnapshotSalvage> {
    try {
      const data = JSON.parse((await this.disk.readFile(this.path)).toString('utf8')) as Snapshot;
      const head =
        data && typeof data.seq === 'number' && typeof data.epoch === 'string'
          ? { schemaVersion: data.schemaVersion, epoch: data.epoch, seq: data.seq, writtenAt: data.writtenAt }
          : null;
      if (!head || typeof data.collections !== 'object' || data.collections === null)
        return { head, collections: {} as Dump, problems: [{ line: 1, reason: '内容不完整' }] };
      return { head, collections: data.collections, problems: [] };
    } catch (err) {
      return { head: null, collections: {} as Dump, problems: [{ line: 1, reason: `不是有效的 JSON（${(err as Error).message}）` }] };
    }
  }
}

function parseHead(json: string): Omit<Snapshot, 'collections' | 'sizes'> | null {
  try {
    const h = JSON.parse(json) as Partial<Snapshot>;
    if (typeof h.seq !== 'number' || typeof h.epoch !== 'string') return null;
    return {
      schemaVersion: typeof h.schemaVersion === 'number' ? h.schemaVersion : 0,
      epoch: h.epoch,
      seq: h.seq,
      writtenAt: typeof h.writtenAt === 'string' ? h.writtenAt : '',
    };
  } catch {
    return null;
  }
}

function parseDoc(json: string): StoredDoc | null {
  try {
    const doc = JSON.parse(json) as StoredDoc;
    return doc && typeof doc === 'object' && typeof doc.id === 'string' && typeof doc.seq === 'number' ? doc : null;
  } catch {
    return null;
  }
}

/** Lines of a file as UTF-8 strings, split on the byte 0x0a so no character is cut in two. */
async function* readLines(stream: Readable): AsyncGenerator<string> {
  // The pieces of a line that spans chunks; joined once the line ends, so a long line costs its length, not its square.
  let partial: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(0x0a, start)) !== -1) {
      const piece = chunk.subarray(start, nl);
      yield (partial.length > 0 ? Buffer.concat([...partial, piece]) : piece).toString('utf8');
      partial = [];
      start = nl + 1;
    }
    if (start < chunk.length) partial.push(chunk.subarray(start));
  }
  if (partial.length > 0) yield Buffer.concat(partial).toString('utf8');
}

/** Snapshot files, newest first. */
export async function listSnapshots(disk: Disk, dataDir: string): Promise<string[]> {
  await disk.mkdir(snapshotDir(dataDir));
  const names = (await disk.readdir(snapshotDir(dataDir)))
    .filter((n) => NAME.test(n))
    .sort()
    .reverse();
  return names.map((n) => join(snapshotDir(dataDir), n));
}

/** Reads one snapshot through lowdb; refuses a damaged file with SnapshotDamagedError. */
export async function readSnapshot(disk: Disk, path: string): Promise<Snapshot> {
  const db = new Low<Snapshot | null>(new SnapshotFile(path, disk) as Adapter<Snapshot | null>, null);
  await db.read();
  if (!db.data) throw new SnapshotDamagedError(path, [{ line: 0, reason: '文件不存在或为空' }]);
  return db.data;
}

/** Writes the snapshot as the newest one; the oldest beyond `keep` go. */
export async function writeSnapshot(disk: Disk, dataDir: string, snapshot: Snapshot, keep: number): Promise<string> {
  await disk.mkdir(snapshotDir(dataDir));
  const path = join(snapshotDir(dataDir), snapshotName(snapshot.seq));
  const db = new Low<Snapshot>(new SnapshotFile(path, disk), snapshot);
  await db.write();
  const all = await listSnapshots(disk, dataDir);
  for (const old of all.slice(Math.max(1, keep))) await disk.unlink(old).catch(() => {});
  return path;
}
