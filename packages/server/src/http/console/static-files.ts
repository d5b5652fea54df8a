import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.ts';

/** Vite puts content-hashed names under assets/: a name never changes meaning, so browsers keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and other unhashed files) must be revalidated, or a browser keeps running yesterday's build. */
const REVALIDATE = 'no-cache';

const NOT_BUILT =
  'The Xloud console is not built, so there is nothing to serve at /dashboard/ yet.\n' +
  'Build it with `npm run build -w @xloud/dashboard` (`npm run quickstart` does this for you), then reload.\n' +
  'The Identity API at /v3 is not affected.\n';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * GET /dashboard/*: the console build. Files that exist are served; any other path is a client-side
 * route and gets index.html, except under assets/ (a missing script must fail as a 404, not run HTML) and
 * under api/ (the session endpoints' namespace).
 */
export async function staticRoutes(app: FastifyInstance, staticDir: string): Promise<void> {
  const root = resolve(staticDir);
  // serve: false — only reply.sendFile; the routing (and the SPA fallback) is ours.
  await app.register(fastifyStatic, { serve: false });

  const send = (reply: FastifyReply, file: string, cacheControl: string) => {
    reply.header('Cache-Control', cacheControl);
    return reply.sendFile(file, root, { cacheControl: false, dotfiles: 'ignore' });
  };

  const serve = async (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    const relative = (request.params['*'] ?? '').replace(/^\/+/, '');
    if (relative === 'api' || relative.startsWith('api/')) throw new NotFoundError('The resource could not be found.');
    // Checked per request, so a build made while the server runs is picked up without a restart.
    // A page for a person at a browser, not an API error: plain text, so not the error renderer's JSON body.
    if (!(await isFile(resolve(root, 'index.html')))) {
      return reply.code(503).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    const segments = relative.split('/');
    if (relative !== '' && !segments.some((s) => s.startsWith('.'))) {
      const full = resolve(root, relative);
      if (full.startsWith(root + sep) && (await isFile(full)))
        return send(reply, relative, relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    }
    if (segments[0] === 'assets') throw new NotFoundError('The resource could not be found.');
    return send(reply, 'index.html', REVALIDATE);
  };

  app.get<{ Params: { '*'?: string } }>('/', serve);
  app.get<{ Params: { '*'?: string } }>('/*', serve);
}
