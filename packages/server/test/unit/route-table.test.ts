import { ResponseSchemas } from '@xloud/identity-schemas';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer, type Container } from '../../src/container.ts';
import { withoutIdentityPrefix } from '../../src/http/identity-prefix.ts';
import { renderApiRoutesDoc } from '../../src/http/route-docs.ts';
import { v3RouteTable } from '../../src/http/route-table.ts';
import { ensureFernetKeys } from '../../src/manage/first-run.ts';
import { defaultPolicyRules } from '../../src/policy/index.ts';

/*
 * http/route-table.ts is the one list of v3 routes and the policy each enforces. These checks keep it so: a route
 * served but not in the table, a table row naming a rule that does not exist, or a default identity rule no route
 * enforces, each fails here.
 */

/**
 * Default rules no route enforces, on purpose. Keystone defines these two (keystone/common/policies/user.py) but
 * none of its APIs enforces them: /v3/auth/projects and /v3/auth/domains (and their OS-FEDERATION aliases) check
 * identity:get_auth_projects and identity:get_auth_domains. Kept so a policy.yaml written for Keystone loads
 * unchanged. (Rules for APIs this server does not serve at all — federation mappings, LDAP, limits, OAuth1 — are
 * not among its defaults, so they need no entry here.)
 */
const RULES_WITHOUT_ROUTE = new Set(['identity:list_projects_for_user', 'identity:list_domains_for_user']);

/** Version discovery (http/discovery.ts) answers at the v3 root itself; it is public and not part of the table. */
const VERSION_ROOTS = new Set(['/v3']);

const key = (method: string, path: string) => `${method} ${path}`;

/**
 * The GET, PUT and POST routes whose success carries no body, as in Keystone: checks and grants answer 204, a tag is
 * added with 201 and a Location, and the OS-SIMPLE-CERT routes only ever answer 410. (HEAD and DELETE never carry
 * one.) A new route that answers with a body must declare its schema; one declared `none` by mistake fails here, and
 * one whose answer contradicts its row fails the API suite (test/api/response-schema-check.ts).
 */
const BODILESS: ReadonlyArray<[method: string, path: RegExp]> = [
  ['GET', /^\/OS-SIMPLE-CERT\/(ca|certificates)$/],
  // Keystone's OS-OAUTH2 token resource answers every method but POST with a 405.
  ['GET', /^\/OS-OAUTH2\/token$/],
  ['PUT', /^\/OS-OAUTH2\/token$/],
  ['PATCH', /^\/OS-OAUTH2\/token$/],
  ['POST', /^\/users\/:user_id\/password$/],
  ['POST', /^\/users\/:user_id\/OS-XLOUD\/mfa\/reset$/],
  ['GET', /^\/projects\/:project_id\/tags\/:tag$/],
  ['PUT', /^\/projects\/:project_id\/tags\/:tag$/],
  ['GET', /^\/groups\/:group_id\/users\/:user_id$/],
  ['PUT', /^\/groups\/:group_id\/users\/:user_id$/],
  ['GET', /\/(users|groups)\/:(user|group)_id\/roles\/:role_id(\/inherited_to_projects)?$/],
  ['PUT', /\/(users|groups)\/:(user|group)_id\/roles\/:role_id(\/inherited_to_projects)?$/],
  ['PUT', /^\/OS-EP-FILTER\/endpoint_groups\/:endpoint_group_id\/projects\/:project_id$/],
  ['GET', /^\/OS-EP-FILTER\/projects\/:project_id\/endpoints\/:endpoint_id$/],
  ['PUT', /^\/OS-EP-FILTER\/projects\/:project_id\/endpoints\/:endpoint_id$/],
  // OAuth1 answers form-encoded key and secret (oauth_token=…&oauth_token_secret=…), not JSON.
  ['POST', /^\/OS-OAUTH1\/(request|access)_token$/],
];
const isBodiless = (method: string, path: string) =>
  method === 'HEAD' || method === 'DELETE' || BODILESS.some(([m, p]) => m === method && p.test(path));

describe('the v3 route table', () => {
  const served: Array<{ method: string; url: string }> = [];
  let container: Container;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xloud-route-table-'));
    const conf = loadConfig({
      dataDir,
      env: {},
      overrides: { database: { connection: `sqlite:///${join(dataDir, 'keystone.db')}` } },
    });
    ensureFernetKeys(conf);
    container = await buildContainer(conf, { migrate: true });
    const app = await buildApp(container, {
      onRoute: (route) => {
        for (const method of [route.method].flat()) served.push({ method, url: route.url });
      },
    });
    await app.ready();
    await app.close();
  });

  afterAll(async () => {
    await container?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const tableRoutes = new Set(v3RouteTable.map((r) => key(r.method, r.path)));
  const tableGets = new Set(v3RouteTable.filter((r) => r.method === 'GET').map((r) => r.path));

  it('lists every route served under /v3, and each once', () => {
    expect(tableRoutes.size).toBe(v3RouteTable.length);
    const v3Routes = served.filter((r) => /^\/v3(\/|$)/.test(r.url) && !VERSION_ROOTS.has(r.url));
    expect(v3Routes.length).toBeGreaterThan(v3RouteTable.length - 1);
    expect(served.filter((r) => r.url.startsWith('/identity/v3'))).toEqual([]);
    const missing = v3Routes
      .map((r) => ({ method: r.method, path: r.url.replace(/^\/v3/, '') }))
      // Fastify answers HEAD for every GET itself; those need no row of their own.
      .filter((r) => !(r.method === 'HEAD' && tableGets.has(r.path)))
      .filter((r) => !tableRoutes.has(key(r.method, r.path)))
      .map((r) => key(r.method, r.path));
    expect(missing).toEqual([]);
  });

  it('serves every row of the table under /v3, and routes /identity/v3/… there', () => {
    const servedKeys = new Set(served.map((r) => key(r.method, r.url)));
    const unserved = v3RouteTable
      .map((r) => key(r.method, withoutIdentityPrefix(`/identity/v3${r.path}`)))
      .filter((k) => !servedKeys.has(k));
    expect(unserved).toEqual([]);
    expect(withoutIdentityPrefix('/identity/v3')).toBe('/v3');
    expect(withoutIdentityPrefix('/identity/v3?nocatalog')).toBe('/v3?nocatalog');
    // Only the v3 API moves: other paths under /identity, and look-alikes, are routed as they are.
    expect(withoutIdentityPrefix('/identity/v3x/users')).toBe('/identity/v3x/users');
    expect(withoutIdentityPrefix('/identity/healthcheck')).toBe('/identity/healthcheck');
    expect(withoutIdentityPrefix('/v3/identity/v3')).toBe('/v3/identity/v3');
  });

  it('gives every route a policy rule, or says why it has none', () => {
    const unguarded = v3RouteTable.filter((r) => r.policies.length === 0 && !r.unprotected?.reason);
    expect(unguarded.map((r) => key(r.method, r.path))).toEqual([]);
    const both = v3RouteTable.filter((r) => r.policies.length > 0 && r.unprotected);
    expect(both.map((r) => key(r.method, r.path))).toEqual([]);
  });

  it('names only rules the default policy defines', () => {
    const defined = new Set(defaultPolicyRules.map((r) => r.name));
    const unknown = v3RouteTable.flatMap((r) =>
      r.policies.filter((p) => !defined.has(p)).map((p) => `${key(r.method, r.path)}: ${p}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has a route for every default identity rule, but for the listed exceptions', () => {
    const enforced = new Set(v3RouteTable.flatMap((r) => r.policies));
    const orphans = defaultPolicyRules
      .map((r) => r.name)
      .filter((n) => n.startsWith('identity:') && !enforced.has(n) && !RULES_WITHOUT_ROUTE.has(n));
    expect(orphans).toEqual([]);
    // An exception that gains a route must leave the list.
    expect([...RULES_WITHOUT_ROUTE].filter((n) => enforced.has(n))).toEqual([]);
  });

  it('names a schema @xloud/identity-schemas defines, or none, for every success body', () => {
    const unknown = v3RouteTable.filter((r) => r.response !== 'none' && !(r.response in ResponseSchemas));
    expect(unknown.map((r) => `${key(r.method, r.path)}: ${r.response}`)).toEqual([]);
  });

  it('gives every route that answers 2xx with a body a response schema, and none to the others', () => {
    const withoutSchema = v3RouteTable.filter((r) => r.response === 'none' && !isBodiless(r.method, r.path));
    expect(withoutSchema.map((r) => key(r.method, r.path))).toEqual([]);
    const bodilessWithSchema = v3RouteTable.filter((r) => r.response !== 'none' && isBodiless(r.method, r.path));
    expect(bodilessWithSchema.map((r) => `${key(r.method, r.path)}: ${r.response}`)).toEqual([]);
    // Every listed exception still names a route, so the list cannot hide a route that has gone.
    const stale = BODILESS.filter(([m, p]) => !v3RouteTable.some((r) => r.method === m && p.test(r.path)));
    expect(stale.map(([m, p]) => `${m} ${p}`)).toEqual([]);
  });

  it("uses every response schema for some route (the version document is discovery's, at the v3 root)", () => {
    const used = new Set<string>([...v3RouteTable.map((r) => r.response), 'VersionResponse']);
    expect(Object.keys(ResponseSchemas).filter((name) => !used.has(name))).toEqual([]);
  });

  it('is what docs/api-routes.md shows (regenerate with npm run docs)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../../../docs/api-routes.md'), 'utf8');
    expect(committed).toBe(renderApiRoutesDoc());
  });
});
