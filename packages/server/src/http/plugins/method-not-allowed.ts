import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { FastifyInstance } from 'fastify';

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Tells "no such resource" (404) from "no such method on this resource" (405, with Allow), as Keystone's
 * Flask router does. Fastify only knows 404, so a shadow router of every route answers the question.
 */
export function trackRoutesForMethodNotAllowed(app: FastifyInstance): (method: string, url: string) => string[] {
  const shadow = FindMyWay({ ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 1024 });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!METHODS.includes(method as HTTPMethod)) continue;
      try {
        shadow.on(method as HTTPMethod, route.url, () => undefined);
      } catch {
        // the same route registered twice (e.g. an explicit HEAD before Fastify's automatic one)
      }
    }
  });
  return (method, url) => {
    const path = url.split('?')[0] ?? url;
    return METHODS.filter((m) => m !== method && shadow.find(m, path) !== null);
  };
}
