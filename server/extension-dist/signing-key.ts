/**
 * The deployment's extension signing key: an RSA key made on first need and kept in the store
 * (`deployment/extension-signing-key`). The extension id derives from it, so losing it means every
 * browser sees a new extension: it lives with the data so that every server on one database signs with
 * the same key and every backup carries it. It is never pulled, listed or served.
 */
import { createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { Store } from '../store/store';

const makeKeyPair = promisify(generateKeyPair);

export const SIGNING_KEY_ID = 'extension-signing-key';
const StoredKey = z.object({ pem: z.string().startsWith('-----BEGIN PRIVATE KEY-----') });

function keyOf(value: unknown): KeyObject {
  const parsed = StoredKey.safeParse(value);
  if (!parsed.success) throw new Error('存储中的扩展签名密钥已损坏，无法读取');
  return createPrivateKey(parsed.data.pem);
}

export async function loadOrCreateSigningKey(store: Store): Promise<KeyObject> {
  const stored = await store.get('deployment', SIGNING_KEY_ID);
  if (stored) return keyOf(stored.value);
  // Generated on the thread pool, outside the write lock: a 2048-bit key can take longer than either may wait.
  const { privateKey } = await makeKeyPair('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  // If two servers (or two starts) race, the first key stored wins and the other is dropped unused.
  const kept = await store.transact(async (tx) => {
    const first = await tx.get('deployment', SIGNING_KEY_ID);
    return first ?? tx.put('deployment', { id: SIGNING_KEY_ID, value: { pem }, updatedAt: new Date().toISOString() });
  });
  return keyOf(kept.value);
}
