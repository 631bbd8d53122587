/**
 * The deployment's extension signing key: an RSA key made on first need and kept in DATA_DIR
 * (`extension/signing-key.pem`, mode 0600). The extension id derives from it, so losing it means every
 * browser sees a new extension: it is backed up with the data directory and never served.
 */
import { createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const makeKeyPair = promisify(generateKeyPair);

export const SIGNING_KEY_FILE = 'signing-key.pem';

export async function loadOrCreateSigningKey(dir: string): Promise<KeyObject> {
  const file = path.join(dir, SIGNING_KEY_FILE);
  try {
    return createPrivateKey(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`扩展签名密钥 ${file} 无法读取：${(err as Error).message}`);
  }
  // Generated on the thread pool: a 2048-bit key can take longer than the event loop may wait.
  const { privateKey } = await makeKeyPair('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // 'wx': if two starts race, the second fails here and reads the first one's key instead of replacing it.
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return createPrivateKey(await readFile(file, 'utf8'));
    throw err;
  }
  try {
    await handle.writeFile(pem);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return privateKey;
}
