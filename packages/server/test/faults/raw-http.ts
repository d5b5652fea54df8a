/**
 * Raw HTTP over node:net for the fault tests: requests no HTTP client would send (bad request lines,
 * huge headers, bytes trickled slowly) and what the server wrote back before it closed the connection.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  /** Everything the server sent, as text. */
  text: string;
  /** From the status line; undefined when the server closed without answering. */
  status?: number;
  headers: Record<string, string>;
  /** The body parsed as JSON, when it is JSON. */
  body?: any;
}

function parseRawResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { text, headers: {} };
  const [statusLine = '', ...headerLines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  let body: unknown;
  try {
    body = JSON.parse(text.slice(end + 4));
  } catch {
    body = undefined;
  }
  return { text, status: Number.isNaN(status) ? undefined : status, headers, body };
}

export function portOf(baseUrl: string): number {
  return Number(new URL(baseUrl).port);
}

/**
 * Opens a connection, lets `talk` write to it, and resolves once the server has closed it, with all
 * it sent. Timers `talk` registers with `every` are stopped when the connection closes.
 */
export function rawExchange(
  port: number,
  talk: (socket: Socket, every: (ms: number, write: () => void) => void) => void,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const timers: NodeJS.Timeout[] = [];
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    // The server may reset a connection it gives up on; what it wrote before that still counts.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      for (const timer of timers) clearInterval(timer);
      resolve(parseRawResponse(received));
    });
    socket.on('connect', () =>
      talk(socket, (ms, write) => {
        timers.push(setInterval(() => socket.writable && write(), ms));
      }),
    );
  });
}

/** Sends `request` as it is and waits for the server to close the connection. */
export function sendRaw(port: number, request: string): Promise<RawResponse> {
  return rawExchange(port, (socket) => socket.write(request));
}

/** Connections that send nothing; each `closed` resolves when the server closes it. */
export async function openIdleConnections(
  port: number,
  count: number,
): Promise<{ closed: Promise<RawResponse>[]; sockets: Socket[] }> {
  const opened = Array.from({ length: count }, () => {
    let connected!: (socket: Socket) => void;
    const socket = new Promise<Socket>((resolve) => (connected = resolve));
    const closed = rawExchange(port, (s) => connected(s));
    return { socket, closed };
  });
  return { closed: opened.map((o) => o.closed), sockets: await Promise.all(opened.map((o) => o.socket)) };
}
