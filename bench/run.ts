/**
 * `npm run bench`: runs every bench/*.bench.ts in turn and writes bench/results.md with the
 * machine and the date, so numbers are only ever compared with a baseline from the same run.
 * `npm run bench -- sync lists` runs only the named benches and writes bench/results-partial.md
 * instead, so results.md always holds one whole run.
 *
 * Each bench runs in a process of its own (this file again, with BENCH_ONE naming the bench): a bench measures
 * a server, and a server does not carry what an earlier bench left on its heap. In one process the hardening
 * bench measured the event loop on the heap the grouping bench had left (its 50k-opinion groupings), and its heaviest
 * row's longest gap was 79, 47 and 87 ms (2026-12-06 10:18); in a process of its own 26, 65 and 37 ms (10:36), and
 * 17–53 ms in three runs of the hardening bench alone after it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

if (process.env.BENCH_ONE) {
  try {
    await runOne(process.env.BENCH_ONE, process.env.BENCH_OUT!);
    process.exit(0);
  } catch (err) {
    console.error(err);
    writeFileSync(process.env.BENCH_OUT!, `This bench failed: ${(err as Error).message}`);
    process.exit(1);
  }
}

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

/** Runs one bench in this process and writes its section to `out` (the child's side of the loop below). */
async function runOne(file: string, out: string): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: () => Promise<string> };
  writeFileSync(out, await mod.default());
}

/** How one bench's process ended: its exit code, or the signal that ended it. */
type Ending = { code: number | null; signal: NodeJS.Signals | null };

/** One bench in a child process (with this process's loader flags). */
function runInChild(file: string, out: string): Promise<Ending> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_ONE: file, BENCH_OUT: out },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

const sections: string[] = [];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-'));
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`bench ${name}… `);
  const started = Date.now();
  const out = path.join(scratch, `${name}.md`);
  const { code, signal } = await runInChild(file, out);
  const written = existsSync(out) ? readFileSync(out, 'utf8') : null;
  if (code === 0 && written !== null) {
    sections.push(written);
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    console.log('FAILED');
    const ending = signal ? `was ended by ${signal}` : code === 0 ? 'exited without writing its results' : `exited with ${code}`;
    sections.push(`### ${name}\n\n${code !== 0 && written ? written : `This bench failed (its process ${ending}).`}`);
    process.exitCode = 1;
  }
}
rmSync(scratch, { recursive: true, force: true });

const out = `# Benchmarks\n\nWritten by \`npm run bench\`. Ratios compare against baselines measured in the same run.\n\n## Machine\n\n${machine}\n\n${sections.join('\n\n')}\n`;
const target = path.join(benchDir, only.length === 0 ? 'results.md' : 'results-partial.md');
writeFileSync(target, out);
console.log(`\nwrote ${target}`);
// Everything is written: end here rather than wait on a handle some bench left open (a pool, a worker,
// a timer) — the runner's job is done, and a bench run must not hang CI or a terminal.
process.exit(process.exitCode ?? 0);
