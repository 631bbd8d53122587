// `npm start`: build the extension, say which folder to load unpacked, then serve the server and
// console on the embedded store. Plain JS so it runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

console.log('正在构建浏览器扩展… (Building the extension…)');
const build = spawnSync(bin('wxt'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('扩展构建失败，见上方错误。 (The extension build failed; see the errors above.)');
  process.exit(build.status ?? 1);
}
const extensionDir = path.join(root, '.output', 'chrome-mv3');
console.log(`\n扩展已构建，请在 chrome://extensions 打开“开发者模式”，点“加载已解压的扩展程序”，选择：\n  ${extensionDir}\n`);

const server = spawn(bin('tsx'), [path.join(root, 'server/main.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
