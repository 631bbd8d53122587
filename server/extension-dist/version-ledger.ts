/**
 * The package's fourth version number, remembered with the content it was given to
 * (`extension/versions.json` in DATA_DIR): the same content keeps its number across restarts, and any
 * change of content — a new build, a new OA site, a new address — gets the next one, so browsers update.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const LedgerSchema = z.record(z.string(), z.object({ contentHash: z.string(), build: z.number().int().min(1) }));
type Ledger = z.infer<typeof LedgerSchema>;

export class VersionLedger {
  constructor(private readonly dir: string) {}

  private get file() {
    return path.join(this.dir, 'versions.json');
  }

  private async read(): Promise<Ledger> {
    try {
      return LedgerSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`扩展版本记录 ${this.file} 已损坏：${(err as Error).message}`);
    }
  }

  /** The number for `contentHash` of package `name` (chrome, firefox): kept if the content is the same, the next one otherwise. */
  async buildFor(name: string, contentHash: string): Promise<number> {
    const ledger = await this.read();
    const last = ledger[name];
    if (last?.contentHash === contentHash) return last.build;
    const next = { contentHash, build: (last?.build ?? 0) + 1 };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify({ ...ledger, [name]: next }, null, 2));
    await rename(tmp, this.file);
    return next.build;
  }
}
