import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { prefersHtml } from './console/browser-redirect.ts';
import type { RouteKit } from './route-kit.ts';
import { authorizationServerMetadata } from './v3/oauth2.ts';

const JSON_HOME = 'application/json-home';
const REL = 'https://docs.openstack.org/api/openstack-identity/3/rel/';
const PARAM = 'https://docs.openstack.org/api/openstack-identity/3/param/';
/** The OS-XLOUD extensions are ours, so their relations are named under our documentation. */
const XLOUD_PREFIX = '/OS-XLOUD';
const XLOUD_REL = 'https://docs.xloud.tech/identity/rel/';
/** Keystone extensions whose relations this server names as Keystone does: ext/<name>/<version>/rel/<relation>. */
const EXTENSIONS: Readonly<Record<string, string>> = { 'OS-OAUTH2': '1.0' };
const EXT_REL = 'https://docs.openstack.org/api/openstack-identity/3/ext/';

function versionDocument(v3Url: string) {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${v3Url}/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

const wantsJsonHome = (request: FastifyRequest) => (request.headers.accept ?? '').includes(JSON_HOME);

/** A JSON-Home relation name from a path: /users/{user_id}/groups → user_groups. */
function relationName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  const words: string[] = [];
  parts.forEach((part, index) => {
    if (part.startsWith('{')) return;
    const next = parts[index + 1];
    words.push(next?.startsWith('{') && part.endsWith('s') ? part.slice(0, -1) : part);
  });
  return words.join('_').replaceAll('-', '_').replaceAll(':', '_');
}

/** Keystone's OS-OAUTH1 relations (json_home_relations.os_oauth1_*): extension rels and parameters. */
const OAUTH1_EXT = 'https://docs.openstack.org/api/openstack-identity/3/ext/OS-OAUTH1/1.0/';
const OAUTH1_RELATIONS: Readonly<Record<string, string>> = {
  '/OS-OAUTH1/consumers': 'consumers',
  '/OS-OAUTH1/consumers/{consumer_id}': 'consumer',
  '/OS-OAUTH1/request_token': 'request_tokens',
  '/OS-OAUTH1/access_token': 'access_tokens',
  '/OS-OAUTH1/authorize/{request_token_id}': 'authorize_request_token',
  '/users/{user_id}/OS-OAUTH1/access_tokens': 'user_access_tokens',
  '/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}': 'user_access_token',
  '/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles': 'user_access_token_roles',
  '/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles/{role_id}': 'user_access_token_role',
};
const OAUTH1_PARAMS = new Set(['consumer_id', 'request_token_id', 'access_token_id']);

/** JSON-Home document listing every v3 resource this server serves. */
function jsonHome(paths: string[], prefix: string): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const path of [...new Set(paths)].sort()) {
    const templated = path.replace(/:([a-z_]+)/g, '{$1}');
    const vars = [...templated.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
    // /OS-XLOUD/users/{user_id}/profile → …/users_profile; /users/{user_id}/OS-XLOUD/mfa/enrol → …/mfa_enrol.
    const xloud = templated.indexOf(`${XLOUD_PREFIX}/`);
    const extension = templated.split('/')[1] ?? '';
    const oauth1 = OAUTH1_RELATIONS[templated];
    const rel =
      oauth1 !== undefined
        ? `${OAUTH1_EXT}rel/${oauth1}`
        : xloud === 0
          ? `${XLOUD_REL}${relationName(templated.slice(XLOUD_PREFIX.length))}`
          : xloud > 0
            ? `${XLOUD_REL}${relationName(templated.slice(xloud + XLOUD_PREFIX.length))}`
            : EXTENSIONS[extension]
              ? `${EXT_REL}${extension}/${EXTENSIONS[extension]}/rel/${relationName(templated.slice(extension.length + 1))}`
              : `${REL}${relationName(templated)}`;
    const param = (v: string) =>
      oauth1 !== undefined && OAUTH1_PARAMS.has(v) ? `${OAUTH1_EXT}param/${v}` : `${PARAM}${v}`;
    resources[rel] =
      vars.length === 0
        ? { href: `${prefix}${templated}` }
        : {
            'href-template': `${prefix}${templated}`,
            'href-vars': Object.fromEntries(vars.map((v) => [v, param(v)])),
          };
  }
  return { resources };
}

/**
 * Version discovery at /, /v3, /identity and /identity/v3. With `consolePath`, a browser opening `/`
 * (it asks for HTML) is sent to the console instead.
 */
export function discoveryRoutes(
  app: FastifyInstance,
  kit: RouteKit,
  v3Paths: () => string[],
  consolePath?: string,
): void {
  const versions = async (request: FastifyRequest, reply: FastifyReply) => {
    if (consolePath && request.routeOptions.url === '/' && prefersHtml(request.headers.accept))
      return reply.redirect(consolePath, 302);
    if (wantsJsonHome(request)) return reply.type(JSON_HOME).send(jsonHome(v3Paths(), '/v3'));
    const v3 = kit.v3Url(request);
    return reply
      .code(300)
      .header('Location', `${v3}/`)
      .send({ versions: { values: [versionDocument(v3)] } });
  };
  app.get('/', versions);
  app.get('/identity', versions);

  const version = async (request: FastifyRequest, reply: FastifyReply) => {
    if (wantsJsonHome(request)) return reply.type(JSON_HOME).send(jsonHome(v3Paths(), ''));
    return reply.send({ version: versionDocument(kit.v3Url(request)) });
  };
  app.get('/v3', version);

  // RFC 8414 authorization server metadata for the OS-OAUTH2 token endpoint (Keystone has none).
  app.get('/.well-known/oauth-authorization-server', async (request) =>
    authorizationServerMetadata(kit.v3Url(request), kit.rootUrl(request)),
  );
}
