import type { FastifyInstance } from 'fastify';
import type { RouteEntry } from './route-entry.ts';
import type { RouteKit } from './route-kit.ts';
import { v3RouteTable } from './route-table.ts';

function register(scope: FastifyInstance, entry: RouteEntry, kit: RouteKit): void {
  scope.route({
    method: entry.method,
    url: entry.path,
    schema: entry.schema,
    handler: (request, reply) => entry.run(request, reply, kit),
  });
}

/** Registers the v3 route table on a scope; app.ts mounts it under /v3 and /identity/v3. */
export function registerV3Routes(scope: FastifyInstance, kit: RouteKit): void {
  for (const entry of v3RouteTable) if (!entry.rawBody) register(scope, entry, kit);
  // Routes that read their body themselves (the OAuth 2.0 form) get it as text, whatever its media type: Fastify
  // chooses body parsers per scope, so they live in one of their own. The size limit is the application's.
  const raw = v3RouteTable.filter((entry) => entry.rawBody);
  if (raw.length === 0) return;
  scope.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    for (const entry of raw) register(child, entry, kit);
  });
}
