/** Reads a built extension folder (`wxt build` output) into archive entries, in a stable order. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ZipEntry } from './zip';

export class MissingBuildError extends Error {}

export async function readBuildFolder(dir: string): Promise<ZipEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingBuildError(`找不到扩展构建目录 ${dir}`);
    throw err;
  }
  if (!names.includes('manifest.json')) throw new MissingBuildError(`扩展构建目录 ${dir} 中没有 manifest.json`);
  return Promise.all(names.map(async (name) => ({ name, data: await readFile(path.join(dir, name)) })));
}
