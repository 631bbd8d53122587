#!/usr/bin/env node
/**
 * `npm run build:server`: server/ (and the shared/ it imports) → plain JavaScript in dist/server/, which
 * runs with `node dist/server/main.js` on production dependencies only (`npm ci --omit=dev`).
 *
 * Bundled by esbuild rather than emitted file by file by tsc: the sources import without extensions
 * (`./app`, moduleResolution "Bundler"), which Node's ESM loader refuses and tsc would emit unchanged.
 * Packages stay external, so they come from node_modules at run time; the build fails if the bundle
 * imports a package that is not in package.json's `dependencies` (a devDependency is absent in production).
 *
 * Three self-contained entry files in one folder, no shared chunks: code that finds a file next to itself
 * through `import.meta.url` (the console's stylesheet, the opinion-grouping worker) then finds it next to
 * whichever entry it was bundled into, so the folder layout below is what those URLs expect.
 *
 *   dist/server/main.js              the server (server/main.ts)
 *   dist/server/cli.js               the admin CLI (server/admin/cli.ts)
 *   dist/server/grouping-worker.js   the opinion-grouping worker thread
 *   dist/server/assets/              files read at run time (server/console/assets/)
 *   dist/server/pair-model.json      the grouping's learnt model, read by each grouping worker as it starts
 *   dist/server/problem-memory.json  the grouping's memory of known problems, read by each grouping worker as it starts
 *   dist/server/text-embedding.json  the grouping's learnt text embedding, read by each grouping worker as it starts
 *   dist/server/build-info.json      the stamp: a hash of the inputs below (scripts/build-stamp.mjs)
 *
 * `--if-changed` skips the build when the stamp matches the inputs; `--outdir <dir>` builds elsewhere (tests).
 * Types are not checked here: `npm run typecheck` does that.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hashInputs, isCurrent, writeStamp } from './build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the server build is made from; a change to any of them makes `--if-changed` rebuild. */
export const SERVER_INPUTS = ['server', 'shared', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-server.mjs', 'scripts/build-stamp.mjs'];

const ENTRIES = { main: 'server/main.ts', cli: 'server/admin/cli.ts', 'grouping-worker': 'server/opinions/grouping-worker.ts' };
const ASSETS = 'server/console/assets';
/** Read next to the module that loads it (shared/grouping/pair-model.ts, bundled into the entries above). */
const PAIR_MODEL = 'shared/grouping/pair-model.json';
const PROBLEM_MEMORY = 'shared/grouping/problem-memory.json';
const TEXT_EMBEDDING = 'shared/grouping/text-embedding.json';

const packageName = (specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);

/** The packages the bundle imports that a production install would not have. */
function importsOutsideDependencies(metafile) {
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const builtins = new Set(builtinModules);
  const missing = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || imp.path.startsWith('node:') || imp.path.startsWith('.')) continue;
      const name = packageName(imp.path);
      if (!builtins.has(name) && !(name in dependencies)) missing.add(imp.path);
    }
  }
  return [...missing];
}

export async function buildServer({ outdir = path.join(root, 'dist/server'), ifChanged = false, quiet = false } = {}) {
  const log = quiet ? () => {} : (line) => console.log(line);
  // A production copy holds the build and not the sources (nor esbuild): it runs what it was given.
  if (!existsSync(path.join(root, ENTRIES.main)) && existsSync(path.join(outdir, 'main.js'))) return { built: false, outdir };
  const inputs = hashInputs(root, SERVER_INPUTS);
  const stamp = path.join(outdir, 'build-info.json');
  if (ifChanged && isCurrent(stamp, inputs, path.join(outdir, 'main.js'))) {
    log('服务器构建已是最新，跳过。 (The server build is up to date.)');
    return { built: false, outdir };
  }
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    logLevel: 'warning',
  });
  const missing = importsOutsideDependencies(result.metafile);
  if (missing.length > 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(`服务器代码导入了不在 dependencies 中的包（生产安装里没有）：${missing.join(', ')}`);
  }
  cpSync(path.join(root, ASSETS), path.join(outdir, 'assets'), { recursive: true });
  cpSync(path.join(root, PAIR_MODEL), path.join(outdir, path.basename(PAIR_MODEL)));
  cpSync(path.join(root, PROBLEM_MEMORY), path.join(outdir, path.basename(PROBLEM_MEMORY)));
  cpSync(path.join(root, TEXT_EMBEDDING), path.join(outdir, path.basename(TEXT_EMBEDDING)));
  // The folder says its own module type, so it runs even where the root package.json is not beside it.
  writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(outdir, { recursive: true });
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  writeStamp(stamp, inputs, { version });
  log(`服务器已构建到 ${path.relative(root, outdir) || outdir}（node ${path.join(path.relative(root, outdir) || outdir, 'main.js')}）`);
  return { built: true, outdir };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { 'if-changed': { type: 'boolean' }, outdir: { type: 'string' }, quiet: { type: 'boolean' } } });
  buildServer({ ifChanged: values['if-changed'], outdir: values.outdir && path.resolve(values.outdir), quiet: values.quiet }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
