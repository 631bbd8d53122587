/**
 * Evidence files' bytes in the database: `blobs (sha256, size, data bytea)`, content-addressed like
 * the embedded store's files. Read back in chunks, so a 20 MB file is never one buffer per download.
 */
import { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { SHA256_HEX, sha256Of } from '../blobs';
import { run } from './run';
import { BLOBS } from './schema';

const CHUNK_BYTES = 1024 * 1024;

export class PgBlobs {
  constructor(private readonly pool: Pool) {}

  /** Durable once the insert's (auto)commit returns; the same bytes twice are stored once. */
  async put(data: Uint8Array): Promise<{ sha256: string; size: number; existed: boolean }> {
    const sha256 = sha256Of(data);
    const inserted = await run(this.pool, `INSERT INTO ${BLOBS} (sha256, size, data) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`, [
      sha256,
      data.byteLength,
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    ]);
    return { sha256, size: data.byteLength, existed: inserted.length === 0 };
  }

  async get(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const found = await run<{ size: number }>(this.pool, `SELECT size FROM ${BLOBS} WHERE sha256 = $1`, [sha256]);
    if (!found[0]) return null;
    const { pool } = this;
    const size = found[0].size;
    return Readable.from(
      (async function* chunks() {
        // substring() of bytea counts from 1; a blob is never rewritten, so the chunks are of one version.
        for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
          const rows = await run<{ chunk: Buffer }>(pool, `SELECT substring(data FROM $2 FOR $3) AS chunk FROM ${BLOBS} WHERE sha256 = $1`, [
            sha256,
            offset + 1,
            CHUNK_BYTES,
          ]);
          yield rows[0]!.chunk;
        }
      })(),
      { objectMode: false },
    );
  }
}
