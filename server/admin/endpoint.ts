/**
 * How the admin CLI finds the server that holds a data directory: the server writes where it listens
 * into `DATA_DIR/server.json` once it is listening, and removes it when it stops. The CLI believes the
 * file only when its pid is the LOCK's holder, so one left behind by a killed server is never used.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface ServerEndpoint {
  pid: number;
  /** An address this host reaches the server at (loopback when it listens on every interface). */
  url: string;
  startedAt: string;
}

export const endpointPath = (dataDir: string): string => join(dataDir, 'server.json');

/** `http://host:port` for a listening socket; a wildcard address is reached through loopback. */
export function localUrl(info: AddressInfo): string {
  if (info.family === 'IPv6') return `http://[${info.address === '::' ? '::1' : info.address}]:${info.port}`;
  return `http://${info.address === '0.0.0.0' ? '127.0.0.1' : info.address}:${info.port}`;
}

export function writeEndpoint(dataDir: string, url: string): void {
  const endpoint: ServerEndpoint = { pid: process.pid, url, startedAt: new Date().toISOString() };
  const tmp = join(dataDir, `.server.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(endpoint)}\n`);
  renameSync(tmp, endpointPath(dataDir));
}

export function readEndpoint(dataDir: string): ServerEndpoint | null {
  try {
    const parsed = JSON.parse(readFileSync(endpointPath(dataDir), 'utf8')) as ServerEndpoint;
    return typeof parsed.pid === 'number' && typeof parsed.url === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** Removes the file if this process wrote it. */
export function removeEndpoint(dataDir: string): void {
  if (readEndpoint(dataDir)?.pid !== process.pid) return;
  try {
    unlinkSync(endpointPath(dataDir));
  } catch {
    /* already gone */
  }
}
