/**
 * Serves a folder of fixture OA pages over HTTP at the paths its pages.json names, with the
 * declared charset, so adapters see the same URL shapes (query strings, hashes) as on a campus.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FixturePage {
  file: string;
  vendor: string;
  /** Path with query and hash, as pages.json gives it. */
  path: string;
  charset: string;
  expect: { title: string | null; docNumber: string | null; issuer: string | null; docDate: string | null };
  note?: string;
}

export interface FixtureServer {
  origin: string;
  pages: FixturePage[];
  /** Full URL of a page, including its query and hash. */
  urlOf(page: FixturePage): string;
  close(): Promise<void>;
}

export function readPages(dir: string): FixturePage[] {
  return (JSON.parse(readFileSync(path.join(dir, 'pages.json'), 'utf8')) as { pages: FixturePage[] }).pages;
}

/** `host`: another loopback address (127.0.0.2) gives the pages an origin no test build holds a permission for. */
export async function startFixtureServer(dir: string, host = '127.0.0.1'): Promise<FixtureServer> {
  const pages = readPages(dir);
  const byPath = new Map(pages.map((p) => [p.path.split('#')[0]!.split('?')[0]!, p]));
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const page = byPath.get(pathname);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': `text/html; charset=${page.charset}`, 'cache-control': 'no-store' });
    res.end(readFileSync(path.join(dir, page.file)));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pages,
    urlOf: (page) => origin + page.path,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
