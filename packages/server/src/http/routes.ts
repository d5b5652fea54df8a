import type { FastifyInstance } from 'fastify';
import type { RouteKit } from './route-kit.ts';
import { v3RouteTable } from './route-table.ts';

/** Registers the v3 route table on a scope; app.ts mounts it under /v3 and /identity/v3. */
export function registerV3Routes(scope: FastifyInstance, kit: RouteKit): void {
  for (const entry of v3RouteTable) {
    scope.route({
      method: entry.method,
      url: entry.path,
      schema: entry.schema,
      handler: (request, reply) => entry.run(request, reply, kit),
    });
  }
}
