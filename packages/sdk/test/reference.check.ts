/**
 * Key flows against the reference OpenStack Keystone, to prove the SDK is compatible with it as well.
 * Not part of `npm test` (it needs a running reference); run it with
 *   XLOUD_SDK_REFERENCE_URL=http://127.0.0.1:5001/v3 npm run test:reference
 * (admin / XLOUD_SDK_REFERENCE_PASSWORD, default "refadmin"; start it with ../shared/ref-keystone/start.sh).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect, IdentityClient, NotFoundError, PasswordAuth, Session, type DebugEvent } from '../src/index.ts';
import { authToken, TokenValidator } from '../src/middleware/index.ts';
import { unique } from './helpers.ts';

const url = process.env.XLOUD_SDK_REFERENCE_URL;
const password = process.env.XLOUD_SDK_REFERENCE_PASSWORD ?? 'refadmin';
const root = url?.replace(/\/v3\/?$/, '');

const env = () => ({
  OS_AUTH_URL: url!,
  OS_USERNAME: 'admin',
  OS_PASSWORD: password,
  OS_PROJECT_NAME: 'admin',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_NAME: 'Default',
  OS_IDENTITY_API_VERSION: '3',
  OS_REGION_NAME: 'RegionOne',
  OS_INTERFACE: 'public',
});

if (!url) throw new Error('set XLOUD_SDK_REFERENCE_URL (e.g. http://127.0.0.1:5001/v3) to run the reference checks');

describe('reference Keystone', () => {
  let identity: IdentityClient;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeAll(() => {
    identity = connect({ env: env(), searchPath: [], session: { timeout: 30_000 } });
  });
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  });

  test('auth_url with and without /v3; version discovery', async () => {
    for (const authUrl of [url!, root!, `${root}/`]) {
      const s = new Session({
        auth: new PasswordAuth({
          authUrl,
          username: 'admin',
          password,
          userDomainName: 'Default',
          scope: { project: { name: 'admin', domain: { name: 'Default' } } },
        }),
      });
      expect((await s.getAccess()).projectName).toBe('admin');
    }
    const versions = await identity.versions();
    expect(versions.some((v) => v.id.startsWith('v3.') && v.status === 'stable')).toBe(true);
  });

  test('resources: CRUD, find, pagination iteration, grants, role assignments', async () => {
    const domain = await identity.domains.create({ name: unique('sdkref-d') });
    cleanup.push(async () => {
      await identity.domains.update(domain.id, { enabled: false });
      await identity.domains.delete(domain.id);
    });
    const names: string[] = [];
    for (let i = 0; i < 4; i++)
      names.push((await identity.projects.create({ name: unique('sdkref-p'), domain_id: domain.id })).name);
    expect((await identity.projects.list({ domain_id: domain.id, limit: 2 })).map((p) => p.name).sort()).toEqual(
      names.sort(),
    );
    const project = await identity.projects.find(names[0]!, { domain_id: domain.id });
    const user = await identity.users.create({
      name: unique('sdkref-u'),
      domain_id: domain.id,
      password: 'Passw0rd-ref',
    });
    const group = await identity.groups.create({ name: unique('sdkref-g'), domain_id: domain.id });
    await identity.groups.addUser(group.id, user.id);
    expect(await identity.groups.checkUser(group.id, user.id)).toBe(true);
    await identity.roles.grant({
      role: 'member',
      user: user.name,
      user_domain: domain.name,
      project: project.name,
      project_domain: domain.name,
    });
    expect(await identity.roles.check({ role: 'member', user: user.id, project: project.id })).toBe(true);
    const rows = await identity.roleAssignments.list({ user: user.id, effective: true, include_names: true });
    expect(rows.some((r) => r.role.name === 'member' && r.scope.project?.id === project.id)).toBe(true);

    const asUser = new IdentityClient(
      new Session({
        auth: new PasswordAuth({
          authUrl: root!,
          userId: user.id,
          password: 'Passw0rd-ref',
          scope: { project: { id: project.id } },
        }),
      }),
    );
    const cred = await asUser.applicationCredentials.create({ name: unique('sdkref-ac') });
    const viaCred = connect({
      env: {
        OS_AUTH_TYPE: 'v3applicationcredential',
        OS_AUTH_URL: url!,
        OS_APPLICATION_CREDENTIAL_ID: cred.id,
        OS_APPLICATION_CREDENTIAL_SECRET: cred.secret!,
      },
      searchPath: [],
    });
    expect((await viaCred.tokens.issue()).projectId).toBe(project.id);
    await asUser.applicationCredentials.delete(cred.id);
  });

  test('errors carry Keystone’s message and request id', async () => {
    const err = await identity.projects.get('no-such-project').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).keystoneMessage).toBe('Could not find project: no-such-project.');
    expect((err as NotFoundError).requestId).toMatch(/^req-/);
    expect((err as Error).message).toMatch(
      /^Could not find project: no-such-project\. \(HTTP 404\) \(Request-ID: req-/,
    );
  });

  test('re-authentication after a revoke', async () => {
    const events: DebugEvent[] = [];
    const session = new Session({
      auth: new PasswordAuth({
        authUrl: url!,
        username: 'admin',
        password,
        userDomainName: 'Default',
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      }),
      debug: (e) => events.push(e),
    });
    const old = await session.getToken();
    await identity.tokens.revoke(old);
    await session.request('/domains');
    expect(await session.getToken()).not.toBe(old);
    expect(events.filter((e) => e.type === 'response' && e.status === 401)).toHaveLength(1);
  });

  test('middleware validates against the reference', async () => {
    const validator = new TokenValidator({ session: identity.session, cacheTtl: 0 });
    const srv = createServer(authToken({ validator }, (req, res) => res.end(req.auth?.userName)));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      const token = await new Session({
        auth: new PasswordAuth({
          authUrl: url!,
          username: 'admin',
          password,
          userDomainName: 'Default',
          scope: { project: { name: 'admin', domain: { name: 'Default' } } },
        }),
      }).getToken();
      expect(await (await fetch(base, { headers: { 'X-Auth-Token': token } })).text()).toBe('admin');
      await identity.tokens.revoke(token);
      const rejected = await fetch(base, { headers: { 'X-Auth-Token': token } });
      expect(rejected.status).toBe(401);
      expect(rejected.headers.get('www-authenticate')).toMatch(/^Keystone uri="/);
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});
