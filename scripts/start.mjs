// `npm start`: build the extension and the server if their sources changed since the last build (a content
// hash, scripts/build-stamp.mjs), say which folder to load unpacked, then run the compiled server with node
// on the embedded store. Plain JS so it runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashInputs, isCurrent, writeStamp } from './build-stamp.mjs';
import { buildServer } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION_INPUTS = ['extension', 'shared', 'public', 'wxt.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

const extensionDir = path.join(root, '.output', 'chrome-mv3');
const extensionStamp = `${extensionDir}.build-info.json`;
const extensionInputs = hashInputs(root, EXTENSION_INPUTS);
if (isCurrent(extensionStamp, extensionInputs, path.join(extensionDir, 'manifest.json'))) {
  console.log('扩展构建已是最新，跳过。 (The extension build is up to date.)');
} else {
  console.log('正在构建浏览器扩展… (Building the extension…)');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/wxt/bin/wxt.mjs'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('扩展构建失败，见上方错误。 (The extension build failed; see the errors above.)');
    process.exit(build.status ?? 1);
  }
  writeStamp(extensionStamp, extensionInputs);
}
console.log(`\n扩展已构建，请在 chrome://extensions 打开“开发者模式”，点“加载已解压的扩展程序”，选择：\n  ${extensionDir}\n`);

try {
  await buildServer({ ifChanged: true });
} catch (err) {
  console.error(`服务器构建失败：${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

const server = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/server/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
