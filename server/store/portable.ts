/**
 * Moving a whole store: its documents collection by collection in pages (never a whole table in
 * memory), its blobs, and a fingerprint per collection (count + sha-256 over every document's JSON in
 * id order) that two stores holding the same data agree on, whatever their layout.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { COLLECTIONS } from './memory-state';
import type { CollectionName, Collections, Store } from './store';

export interface CollectionFingerprint {
  count: number;
  sha256: string;
}

/** Every document of every collection, in seq order, `page` at a time: pull's own path, so it streams on both stores. */
export async function* allDocs(store: Store, page = 1000): AsyncGenerator<{ collection: CollectionName; doc: Collections[CollectionName] }> {
  for (let after = 0; ; ) {
    const changes = await store.changedSince(COLLECTIONS, after, page);
    for (const change of changes) yield change;
    if (changes.length < page) return;
    after = changes[changes.length - 1]!.doc.seq;
  }
}

export async function fingerprint(store: Store, collection: CollectionName): Promise<CollectionFingerprint> {
  const docs = await store.find(collection);
  const lines = docs.map((d) => [d.id, JSON.stringify(d)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const [, json] of lines) hash.update(json).update('\n');
  return { count: lines.length, sha256: hash.digest('hex') };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The blobs a store's documents name (evidence files), each once. */
export async function namedBlobs(store: Store): Promise<string[]> {
  return [...new Set((await store.find('files')).map((f) => f.sha256))].sort();
}
