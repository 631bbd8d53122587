/** The built test extension's files as the browser loads them (the extension bench and the first-paint test share this). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { testExtensionDir } from './paths';

/** sidebar.html and the files it loads, transitively: static references only, or dynamic imports too. */
export function sidebarFiles(withDynamic: boolean): string[] {
  const seen = new Set<string>(['sidebar.html']);
  const queue = ['sidebar.html'];
  const patterns = [/(?:src|href)="\/?([^"]+\.(?:js|css))"/g, /(?:from|import)\s*"(\.{0,2}\/?[^"]+\.js)"/g];
  if (withDynamic) patterns.push(/import\(\s*"(\.{0,2}\/?[^"]+\.js)"\s*\)/g);
  while (queue.length > 0) {
    const file = queue.shift()!;
    const text = readFileSync(path.join(testExtensionDir, file), 'utf8');
    for (const re of patterns) {
      for (const m of text.matchAll(re)) {
        const ref = m[1]!.startsWith('/') ? m[1]!.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
        const full = path.join(testExtensionDir, ref);
        if (!seen.has(ref) && existsSync(full) && statSync(full).isFile()) {
          seen.add(ref);
          queue.push(ref);
        }
      }
    }
  }
  return [...seen];
}
