import { BlockList, isIPv4 } from 'node:net';
import type { FastifyRequest } from 'fastify';

const PROXY_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-prefix',
  'x-real-ip',
];

/** The request passed through a proxy (it carries one of the headers proxies add). */
export function hasProxyHeaders(request: FastifyRequest): boolean {
  return PROXY_HEADERS.some((name) => request.headers[name] !== undefined);
}

/** '::ffff:10.0.0.1' is the IPv4 client 10.0.0.1 on a dual-stack socket. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * The client's address when we can know it: the peer, or with trustProxy ([DEFAULT]
 * enable_proxy_headers_parsing) the forwarded client. Without trustProxy a request that came through a
 * proxy has an unknown client (undefined): a reverse proxy on the same host would otherwise make every
 * client on the internet look like loopback.
 */
export function clientAddress(request: FastifyRequest, trustProxy: boolean): string | undefined {
  if (!trustProxy && hasProxyHeaders(request)) return undefined;
  return plainAddress(request.ip);
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || (isIPv4(address) && address.startsWith('127.'));
}

/** A matcher for `address/prefix` networks (the normalized form of the config's network lists). */
export function networkMatcher(networks: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const network of networks) {
    const [address = '', prefix = ''] = network.split('/');
    list.addSubnet(address, Number(prefix), isIPv4(address) ? 'ipv4' : 'ipv6');
  }
  return (address) =>
    address !== undefined && networks.length > 0 && list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}
