import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './error-renderer.ts';

/** What went wrong, for each status a request failing before routing can get. */
const MESSAGES: Record<number, string> = {
  400: 'The request could not be understood: its request line or headers are malformed.',
  408: 'The request was not received in time.',
  414: 'The request URL is too long.',
  431: 'The request headers are too large.',
};

/**
 * Node stops at its header limit without saying whether the request line or a header overflowed.
 * If, in the bytes it was parsing, the request line has not ended where it stopped, it was the URL.
 * (When the line arrived in several TCP segments the last one may not show this; 431 is then
 * answered, also true.)
 */
function overflowedInRequestLine(error: { rawPacket?: unknown; bytesParsed?: number }): boolean {
  const { rawPacket, bytesParsed } = error;
  if (!Buffer.isBuffer(rawPacket) || typeof bytesParsed !== 'number') return false;
  const parsed = rawPacket.subarray(0, bytesParsed).toString('latin1');
  return /^[A-Za-z]+ \S/.test(parsed) && !parsed.includes('\n');
}

function statusFor(error: Error & { code?: string; rawPacket?: unknown; bytesParsed?: number }): number {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    case 'HPE_HEADER_OVERFLOW':
      return overflowedInRequestLine(error) ? 414 : 431;
    default:
      return 400;
  }
}

/** A whole HTTP response, written straight to the socket: there is no request or reply object here. */
function rawKeystoneError(status: number): string {
  const body = JSON.stringify(errorBody(status, MESSAGES[status] ?? MESSAGES[400]));
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/**
 * Node's `clientError`: requests that never reach Fastify's routing (unparsable request line or headers,
 * headers or URL over the size limit, a request not received within headers_timeout/request_timeout).
 * Fastify's default answers these with its own JSON shape; ours is Keystone's error body.
 */
export function keystoneClientErrorHandler(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  // A reset connection is gone already; there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = statusFor(error);
  // Debug only: these are ordinary on the internet (scanners, dropped mobile clients) and an attack would flood the log.
  this.log.debug({ code: error.code, status }, 'client error');
  // Node's own rule: answer only if no response has started on this connection (`_httpMessage` is the
  // response in progress, set once the request was dispatched, e.g. a body that timed out mid-way).
  const inProgress = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !inProgress?.headersSent) socket.write(rawKeystoneError(status));
  socket.destroy(error);
}
