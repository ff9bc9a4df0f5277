import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** Whether an address (the peer, or a hop of X-Forwarded-For) is a proxy whose forwarded headers are believed. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The trust function for the configured proxies (addresses, CIDR ranges, or
 * loopback/linklocal/uniquelocal), as Fastify's `trustProxy` takes it: no
 * list trusts nobody, so a client's own X-Forwarded-* headers count for nothing.
 */
export function compileProxyTrust(proxies: readonly string[] | false): ProxyTrust {
  return proxies && proxies.length ? proxyAddr.compile([...proxies]) : () => false;
}

/**
 * The client's address as the proxy chain dictates: from the peer back along
 * X-Forwarded-For, the first address that is not a trusted proxy. Fastify's
 * request.ip gives the same answer with the same trust function.
 */
export function clientAddressOf(req: IncomingMessage, trust: ProxyTrust): string {
  return proxyAddr(req, trust);
}

/** Whether the peer is a trusted proxy, so its X-Forwarded-Proto and X-Forwarded-Host count. */
export function fromTrustedProxy(req: IncomingMessage, trust: ProxyTrust): boolean {
  const peer = req.socket.remoteAddress;
  return peer !== undefined && trust(peer, 0);
}
