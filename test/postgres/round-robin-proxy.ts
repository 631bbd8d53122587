/**
 * A tiny HTTP proxy that sends each request to the next server in turn, as a load balancer without
 * sticky sessions would: consecutive requests of one client land on different servers. A server that
 * cannot be reached (killed) is answered 502, which clients treat as "reply unknown, retry".
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Requests sent to each target so far, by URL. */
  served: Map<string, number>;
  /** Serve from these servers from now on (a restarted server has a new port). */
  setTargets(urls: string[]): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(initialTargets: string[]): Promise<RoundRobinProxy> {
  let targets = [...initialTargets];
  let next = 0;
  const served = new Map<string, number>(targets.map((t) => [t, 0]));
  const server: Server = createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]!);
    served.set(target.origin, (served.get(target.origin) ?? 0) + 1);
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'bad_gateway', message: err.message } }));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    setTargets: (urls) => {
      targets = [...urls];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
