import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The client's headers that the v3 API may act on; everything else (Cookie, X-CSRF-Token, …) stays outside. */
const FORWARDED_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'user-agent',
  'openstack-api-version',
  // The API derives links, request.protocol and request.ip from these exactly as for the outer request
  // (and believes them only under [DEFAULT] enable_proxy_headers_parsing, like every other request).
  'host',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
] as const;

export interface InnerCall {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query under the root, e.g. /v3/users/abc?x=1. */
  url: string;
  /** Sent as X-Auth-Token. */
  token?: string;
  /** A JSON value, or the client's raw bytes (then its Content-Type is forwarded too). */
  body?: unknown;
  raw?: Buffer;
  /** More request headers (lower-case names), e.g. Openstack-Auth-Receipt. */
  headers?: Record<string, string>;
}

export interface InnerResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  rawPayload: Buffer;
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  json(): unknown;
}

/**
 * Calls the v3 API in-process (app.inject), so the console gets exactly the API's behaviour: validation,
 * policy, lockout counting, error messages. The client's address and user agent go along, so whatever the
 * API records about the caller (sign-in history, logs) names the browser, not the server.
 */
export async function callInner(
  app: FastifyInstance,
  request: FastifyRequest,
  call: InnerCall,
): Promise<InnerResponse> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (call.token !== undefined) headers['x-auth-token'] = call.token;
  Object.assign(headers, call.headers);
  let payload: string | Buffer | undefined;
  if (call.raw !== undefined) payload = call.raw;
  else if (call.body !== undefined) {
    payload = JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  } else delete headers['content-type'];
  const response = await app.inject({
    method: call.method,
    url: call.url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    remoteAddress: request.socket.remoteAddress ?? request.ip,
  });
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    rawPayload: response.rawPayload,
    json: () => {
      if (response.rawPayload.length === 0) return undefined;
      try {
        return JSON.parse(response.body) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

/** A single header value of an inner response. */
export function headerOf(response: InnerResponse, name: string): string | undefined {
  const value = response.headers[name];
  if (Array.isArray(value)) return value[0];
  return value === undefined ? undefined : String(value);
}

/** Response headers of the API that never leave through the console: the token, and what the reply sets itself. */
const NOT_RELAYED = new Set([
  'x-subject-token',
  'openstack-auth-receipt',
  'set-cookie',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'vary',
  'x-openstack-request-id',
]);

/** The API's own request id per relayed reply: it names the log lines of the call that did the work. */
const innerRequestIds = new WeakMap<FastifyRequest, string>();

/**
 * onSend hook for the console scope. The application's onSend stamps every reply with the outer request's
 * id; this one runs after it and puts the relayed call's id back.
 */
export async function restoreInnerRequestId(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const id = innerRequestIds.get(request);
  if (id !== undefined) reply.header('x-openstack-request-id', id);
  return payload;
}

/** Relays an API response (status, headers, bytes) minus X-Subject-Token. */
export function relay(reply: FastifyReply, response: InnerResponse): FastifyReply {
  const id = headerOf(response, 'x-openstack-request-id');
  if (id !== undefined) innerRequestIds.set(reply.request, id);
  reply.code(response.statusCode);
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || NOT_RELAYED.has(name.toLowerCase())) continue;
    reply.header(name, value);
  }
  return reply.send(response.rawPayload);
}
