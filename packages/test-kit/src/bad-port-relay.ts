/**
 * A TCP relay on one of the WHATWG "bad ports" (which Node's global fetch refuses with "bad port") to a test
 * server, so a test can prove a client reaches an identity server listening on such a port.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** Ports of the fetch standard's bad-port list an unprivileged process can listen on. */
const BAD_PORTS = [
  5060, 5061, 6000, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080, 4190, 3659, 2049, 1719, 1720, 1723,
];

export interface BadPortRelay {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
}

/** Relays the first free bad port on 127.0.0.1 to `targetPort`. */
export async function relayFromBadPort(targetPort: number): Promise<BadPortRelay> {
  for (const port of BAD_PORTS) {
    const sockets = new Set<Socket>();
    const server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    if (await listen(server, port)) {
      const close = () =>
        new Promise<void>((r) => {
          server.close(() => r());
          for (const s of sockets) s.destroy();
        });
      return { port, close };
    }
  }
  throw new Error(`none of the bad ports ${BAD_PORTS.join(', ')} is free on 127.0.0.1`);
}
