/**
 * Who is at the other end of a request, and whether they reached us over HTTPS. Behind a reverse
 * proxy the socket's address is the proxy's, so X-Forwarded-For / X-Forwarded-Proto are believed —
 * but only when the socket itself is one of the configured proxies (TRUST_PROXY); from anyone else
 * those headers are whatever the sender wanted them to be.
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface TrustedProxies {
  /** The entries as configured, for messages. */
  readonly entries: readonly string[];
  has(address: string): boolean;
}

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 on a dual-stack socket. */
const normalise = (address: string): string => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** Parses `TRUST_PROXY`: addresses and CIDR ranges, comma-separated (e.g. `127.0.0.1, 10.0.0.0/8, ::1`). */
export function parseTrustedProxies(value: string): TrustedProxies {
  const list = new BlockList();
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    if (!address || family === 0 || extra !== undefined) throw new Error(`“${entry}”不是 IP 地址或 CIDR 网段`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`“${entry}”的网段前缀长度无效`);
      list.addSubnet(address, prefix, type);
    }
  }
  return {
    entries,
    has(address) {
      const a = normalise(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

function socketAddress(c: Context): string {
  try {
    return normalise(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

export interface RequestOrigin {
  /** The client's address: the socket's, or from X-Forwarded-For when the socket is a trusted proxy. */
  address(c: Context): string;
  /** Whether the user's browser reached us over HTTPS (PUBLIC_URL, or a trusted proxy's X-Forwarded-Proto). */
  secure(c: Context): boolean;
}

export function requestOrigin(trusted: TrustedProxies, publicUrl?: string): RequestOrigin {
  return {
    address(c) {
      const remote = socketAddress(c);
      if (!trusted.has(remote)) return remote;
      const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map(normalise).filter(Boolean);
      // Walk back from the nearest hop: the first address that is not one of our proxies is the client.
      for (let i = forwarded.length - 1; i >= 0; i--) {
        const hop = forwarded[i]!;
        if (isIP(hop) === 0) return remote;
        if (!trusted.has(hop)) return hop;
      }
      return forwarded[0] ?? remote;
    },
    secure(c) {
      if (publicUrl) return publicUrl.startsWith('https:');
      if (trusted.has(socketAddress(c))) {
        const proto = (c.req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim().toLowerCase();
        if (proto) return proto === 'https';
      }
      return new URL(c.req.url).protocol === 'https:';
    },
  };
}
