import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface CorsSettings {
  allowed_origin: readonly string[];
  allow_credentials: boolean;
  expose_headers: readonly string[];
  max_age: number;
  allow_methods: readonly string[];
  allow_headers: readonly string[];
}

/** Headers every browser may send without asking (the CORS-safelisted request headers). */
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language', 'content-type']);

/**
 * oslo.middleware's CORS filter, as Keystone deploys it: an allowed Origin gets itself echoed back (never "*", so
 * credentials can be allowed), a preflight is answered here with the method and headers asked for, and a request
 * whose origin, method or headers are not allowed gets no CORS headers at all (the browser then blocks it).
 */
export function registerCors(app: FastifyInstance, cors: CorsSettings): void {
  if (cors.allowed_origin.length === 0) return;
  const anyOrigin = cors.allowed_origin.includes('*');
  const origins = new Set(cors.allowed_origin.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const methods = new Set(cors.allow_methods.map((m) => m.toUpperCase()));
  const headers = new Set(cors.allow_headers.map((h) => h.toLowerCase()));
  const allowedOrigin = (request: FastifyRequest): string | undefined => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || origin === '') return undefined;
    return anyOrigin || origins.has(origin.toLowerCase()) ? origin : undefined;
  };
  const originHeaders = (reply: FastifyReply, origin: string) => {
    reply.header('Access-Control-Allow-Origin', origin);
    if (cors.allow_credentials) reply.header('Access-Control-Allow-Credentials', 'true');
  };

  app.addHook('onRequest', async (request, reply) => {
    reply.header('Vary', 'Origin');
    const method = request.headers['access-control-request-method'];
    if (request.method !== 'OPTIONS' || typeof method !== 'string') return undefined;
    // A preflight: answered here, whatever route the path names.
    const origin = allowedOrigin(request);
    const asked = String(request.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== '');
    if (origin && methods.has(method.toUpperCase()) && asked.every((h) => headers.has(h) || SAFELISTED.has(h))) {
      originHeaders(reply, origin);
      reply.header('Access-Control-Max-Age', String(cors.max_age));
      reply.header('Access-Control-Allow-Methods', method.toUpperCase());
      if (asked.length > 0) reply.header('Access-Control-Allow-Headers', asked.join(','));
    }
    return reply.code(200).type('text/plain').send('');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) return payload;
    const origin = allowedOrigin(request);
    if (origin) {
      originHeaders(reply, origin);
      if (cors.expose_headers.length > 0) reply.header('Access-Control-Expose-Headers', cors.expose_headers.join(','));
    }
    return payload;
  });
}
