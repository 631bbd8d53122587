/**
 * `npm run bench`: runs every bench/*.bench.ts in turn and writes bench/results.md with the
 * machine and the date, so numbers are only ever compared with a baseline from the same run.
 * `npm run bench -- sync lists` runs only the named benches and writes bench/results-partial.md
 * instead, so results.md always holds one whole run.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not installed';
  }
}

const machine = [
  `- Date: ${new Date().toISOString()}`,
  `- CPU: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
  `- Node: ${process.version}; ${chromiumVersion()}`,
].join('\n');

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

const sections: string[] = [];
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`bench ${name}… `);
  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: () => Promise<string> };
    sections.push(await mod.default());
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.log('FAILED');
    console.error(err);
    sections.push(`### ${name}\n\nThis bench failed: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

const out = `# Benchmarks\n\nWritten by \`npm run bench\`. Ratios compare against baselines measured in the same run.\n\n## Machine\n\n${machine}\n\n${sections.join('\n\n')}\n`;
const target = path.join(benchDir, only.length === 0 ? 'results.md' : 'results-partial.md');
writeFileSync(target, out);
console.log(`\nwrote ${target}`);
// Everything is written: end here rather than wait on a handle some bench left open (a pool, a worker,
// a timer) — the runner's job is done, and a bench run must not hang CI or a terminal.
process.exit(process.exitCode ?? 0);
