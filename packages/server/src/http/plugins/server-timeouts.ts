import type { XloudConfig } from '../../conf/index.ts';

const SECOND = 1000;

export interface ServerTimeoutOptions {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
}

/**
 * How often Node looks for connections past headers_timeout/request_timeout. Its default (30 s)
 * would let a 20 s limit run to 50 s; a quarter of the shortest limit keeps the overrun small
 * without scanning the connection list more than 4 times a second.
 */
function checkingInterval(limitsMs: number[]): number {
  const active = limitsMs.filter((ms) => ms > 0);
  if (active.length === 0) return 30 * SECOND;
  return Math.min(5 * SECOND, Math.max(250, Math.floor(Math.min(...active) / 4)));
}

/**
 * Fastify/Node server options from `[eventlet_server]`: without them Fastify never times out a request
 * (its requestTimeout default is 0) and a client sending its body a byte at a time holds a connection
 * for ever. headersTimeout and the checking interval exist only as Node server options, hence `http`.
 */
export function serverTimeoutOptions(conf: XloudConfig['eventlet_server']): ServerTimeoutOptions {
  const headersTimeout = conf.headers_timeout * SECOND;
  const requestTimeout = conf.request_timeout * SECOND;
  return {
    connectionTimeout: conf.client_socket_timeout * SECOND,
    keepAliveTimeout: conf.keep_alive_timeout * SECOND,
    requestTimeout,
    // requestTimeout again here: Node checks headersTimeout <= requestTimeout when the server is created,
    // before Fastify sets its own requestTimeout on it.
    http: {
      headersTimeout,
      requestTimeout,
      connectionsCheckingInterval: checkingInterval([headersTimeout, requestTimeout]),
    },
  };
}
