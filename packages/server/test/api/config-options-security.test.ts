/**
 * keystone.conf options that guard accounts and names, each shown to work end to end over HTTP, on SQLite and
 * PostgreSQL: [security_compliance] disable_user_account_days_inactive, [resource] admin_project_name /
 * admin_project_domain_name, [resource] project_name_url_safe / domain_name_url_safe.
 * Every test here fails if its option stops doing what Keystone's help text says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/conf/index.ts';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  passwordAuth,
  tokenAuth,
  uniq,
  type ApiResponse,
} from './api-client.ts';

const DAY_SECONDS = 86_400;
const ADMIN = { name: 'admin', domain: { id: 'default' } } as const;
const ADMIN_PROJECT = { project: { name: 'admin', domain: { id: 'default' } } } as const;

/** Noon UTC today: whole days can be added without the date changing because of the time of day. */
const noonToday = (): number => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
};

describe.each(DATABASES)('[security_compliance] disable_user_account_days_inactive (%s)', (database) => {
  const clock = new TestClock(new Date(noonToday()));
  let server: TestServer;
  let api: ApiClient;

  /** A new admin token: moving the clock by days expires the old one. */
  const adminToken = () => api.token(ADMIN, server.adminPassword, ADMIN_PROJECT);
  const signIn = (user: { id: string; password: string }) => api.issue(passwordAuth({ id: user.id }, user.password));

  beforeAll(async () => {
    server = await startTestServer({
      database,
      clock,
      config: { security_compliance: { disable_user_account_days_inactive: '2' } },
    });
    api = new ApiClient(server);
    // The administrator would fall inactive too as the test moves days ahead.
    const admin = (await api.get(`/users?name=admin&domain_id=default`, await adminToken())).body.users[0];
    expect(
      (
        await api.patch(`/users/${admin.id}`, await adminToken(), {
          user: { options: { ignore_user_inactivity: true } },
        })
      ).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('disables a user inactive for N days (401, enabled false) until an admin re-enables it', async () => {
    const active = await api.createUser();
    const idle = await api.createUser();
    const exempt = await api.createUser({ options: { ignore_user_inactivity: true } });

    clock.advance(DAY_SECONDS * 1000);
    // One day inactive is within the limit; this sign-in is recorded as activity.
    expect((await signIn(active)).status).toBe(201);
    expect((await api.get(`/users/${idle.id}`, await adminToken())).body.user.enabled).toBe(true);

    clock.advance(DAY_SECONDS * 1000);
    // idle: created two days ago, never active since. active: signed in yesterday.
    expectKeystoneError(await signIn(idle), 401);
    expect((await signIn(active)).status).toBe(201);
    const shown = await api.get(`/users/${idle.id}`, await adminToken());
    expect(shown.body.user.enabled).toBe(false);
    const listed = (await api.get('/users?domain_id=default', await adminToken())).body.users;
    expect(listed.find((u: { id: string }) => u.id === idle.id).enabled).toBe(false);
    expect(listed.find((u: { id: string }) => u.id === active.id).enabled).toBe(true);

    clock.advance(2 * DAY_SECONDS * 1000);
    expectKeystoneError(await signIn(active), 401);
    // ignore_user_inactivity exempts a user, as in Keystone.
    expect((await signIn(exempt)).status).toBe(201);
    expect((await api.get(`/users/${exempt.id}`, await adminToken())).body.user.enabled).toBe(true);

    // Re-enabling records activity, so the user can sign in again at once.
    const reenabled = await api.patch(`/users/${idle.id}`, await adminToken(), { user: { enabled: true } });
    expect(reenabled.status).toBe(200);
    expect(reenabled.body.user.enabled).toBe(true);
    expect((await signIn(idle)).status).toBe(201);
    expect((await api.get(`/users/${idle.id}`, await adminToken())).body.user.enabled).toBe(true);
    // The other one stays disabled.
    expectKeystoneError(await signIn(active), 401);
  });
});

describe.each(DATABASES)('[resource] admin_project_name + admin_project_domain_name (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let policyDir: string;
  /** A member of the admin project (no admin role) and of another project, and a domain-scoped user. */
  let member: any;
  let otherProject: any;

  beforeAll(async () => {
    policyDir = mkdtempSync(join(tmpdir(), 'xloud-admin-project-'));
    const policyFile = join(policyDir, 'policy.yaml');
    // A rule that depends on nothing but the admin project: every other token is refused.
    writeFileSync(policyFile, '"identity:list_services": "is_admin_project:True"\n');
    server = await startTestServer({
      database,
      config: {
        resource: { admin_project_name: 'admin', admin_project_domain_name: 'Default' },
        oslo_policy: { policy_file: policyFile },
      },
    });
    api = new ApiClient(server);
    otherProject = await api.createProject();
    member = await api.createUser();
    await api.grant({ user: member.id }, { project: await api.projectId('admin') }, 'member');
    await api.grant({ user: member.id }, { project: otherProject.id }, 'member');
    await api.grant({ user: member.id }, { domain: 'default' }, 'member');
  });

  afterAll(async () => {
    await server?.close();
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  });

  const issue = (scope: Parameters<typeof passwordAuth>[2]) =>
    api.issue(passwordAuth({ id: member.id }, member.password, scope));

  it('marks tokens scoped to the admin project is_admin_project=true, after roles as Keystone renders it', async () => {
    const res = await issue({ project: { name: 'admin', domain: { name: 'Default' } } });
    expect(res.status).toBe(201);
    expect(res.body.token.is_admin_project).toBe(true);
    const keys = Object.keys(res.body.token);
    expect(keys.indexOf('is_admin_project')).toBe(keys.indexOf('roles') + 1);
    // Validation renders it too.
    const validated = await api.get('/auth/tokens', res.tokenId, { 'X-Subject-Token': res.tokenId });
    expect(validated.body.token.is_admin_project).toBe(true);
  });

  it('marks every other project false and leaves it out of domain-scoped and unscoped tokens', async () => {
    const other = await issue({ project: { id: otherProject.id } });
    expect(other.status).toBe(201);
    expect(other.body.token.is_admin_project).toBe(false);
    const domain = await issue({ domain: { id: 'default' } });
    expect(domain.status).toBe(201);
    expect(domain.body.token).not.toHaveProperty('is_admin_project');
    const unscoped = await issue('unscoped');
    expect(unscoped.body.token).not.toHaveProperty('is_admin_project');
  });

  it('gives policy rules is_admin_project from the token (is_admin_project:True)', async () => {
    const inAdminProject = await issue({ project: { name: 'admin', domain: { id: 'default' } } });
    expect((await api.get('/services', inAdminProject.tokenId)).status).toBe(200);
    const inOtherProject = await issue({ project: { id: otherProject.id } });
    expectKeystoneError(await api.get('/services', inOtherProject.tokenId), 403);
    // Keystone sets it false for domain-scoped tokens whatever the token says.
    const domainScoped = await issue({ domain: { id: 'default' } });
    expectKeystoneError(await api.get('/services', domainScoped.tokenId), 403);
    // Rescoped from the admin-project token to another project: false again.
    const rescoped = await api.issue(tokenAuth(inAdminProject.tokenId, { project: { id: otherProject.id } }));
    expect(rescoped.body.token.is_admin_project).toBe(false);
    expectKeystoneError(await api.get('/services', rescoped.tokenId), 403);
  });
});

describe('[resource] admin project options at start-up', () => {
  it('refuses admin_project_name without admin_project_domain_name, and the reverse', () => {
    expect(() => loadConfig({ env: {}, overrides: { resource: { admin_project_name: 'admin' } } })).toThrow(
      '[resource] admin_project_name: needs [resource] admin_project_domain_name too',
    );
    expect(() => loadConfig({ env: {}, overrides: { resource: { admin_project_domain_name: 'Default' } } })).toThrow(
      '[resource] admin_project_domain_name: needs [resource] admin_project_name too',
    );
    expect(
      loadConfig({
        env: {},
        overrides: { resource: { admin_project_name: 'admin', admin_project_domain_name: 'Default' } },
      }).resource,
    ).toMatchObject({ admin_project_name: 'admin', admin_project_domain_name: 'Default' });
  });
});

describe.each(DATABASES)('[resource] project_name_url_safe / domain_name_url_safe (%s)', (database) => {
  let strict: TestServer;
  let strictApi: ApiClient;
  let relaxed: TestServer;
  let relaxedApi: ApiClient;

  beforeAll(async () => {
    strict = await startTestServer({
      database,
      config: { resource: { project_name_url_safe: 'strict', domain_name_url_safe: 'strict' } },
    });
    strictApi = new ApiClient(strict);
    relaxed = await startTestServer({
      database,
      config: { resource: { project_name_url_safe: 'new', domain_name_url_safe: 'new' } },
    });
    relaxedApi = new ApiClient(relaxed);
  });

  afterAll(async () => {
    await strict?.close();
    await relaxed?.close();
  });

  /** A name given before the option was turned on: written past the API, as an upgrade would find it. */
  const renameInDatabase = (server: TestServer, id: string, name: string) =>
    server.container.database.db.updateTable('project').set({ name }).where('id', '=', id).execute();

  const expectRefused = (res: ApiResponse, message: string) => {
    expectKeystoneError(res, 400);
    expect(res.body.error.message).toBe(message);
  };

  for (const mode of ['new', 'strict'] as const) {
    it(`refuses creating or renaming to a URL-unsafe name with Keystone's 400 (${mode})`, async () => {
      const api = mode === 'new' ? relaxedApi : strictApi;
      const admin = await api.adminToken();
      const bad = `${uniq('p')}/a?b#c`;
      expectRefused(
        await api.post('/projects', admin, { project: { name: bad, domain_id: 'default' } }),
        'Project name cannot contain the following reserved characters: /?#',
      );
      expectRefused(
        await api.post('/domains', admin, { domain: { name: `${uniq('d')}@x:y` } }),
        'Domain name cannot contain the following reserved characters: @:',
      );
      expectRefused(
        await api.post('/projects', admin, { project: { name: `${uniq('d')}&`, is_domain: true } }),
        'Domain name cannot contain the following reserved characters: &',
      );

      const project = await api.createProject();
      expectRefused(
        await api.patch(`/projects/${project.id}`, admin, { project: { name: 'a+b=c' } }),
        'Project name cannot contain the following reserved characters: +=',
      );
      const domain = await api.createDomain();
      expectRefused(
        await api.patch(`/domains/${domain.id}`, admin, { domain: { name: "it's" } }),
        "Domain name cannot contain the following reserved characters: '",
      );
      // Safe names, and other edits of a project whose old name is unsafe, still work.
      const renamed = uniq('safe-name_1.x~');
      expect((await api.patch(`/projects/${project.id}`, admin, { project: { name: renamed } })).status).toBe(200);
      await renameInDatabase(mode === 'new' ? relaxed : strict, project.id, 'legacy/name');
      const edited = await api.patch(`/projects/${project.id}`, admin, {
        project: { name: 'legacy/name', description: 'kept' },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.project.description).toBe('kept');
    });
  }

  /** A user with member on a project and its domain, both renamed to unsafe names behind the API. */
  async function unsafelyNamed(server: TestServer, api: ApiClient) {
    const domain = await api.createDomain();
    const project = await api.createProject({ domain_id: domain.id });
    const user = await api.createUser();
    await api.grant({ user: user.id }, { project: project.id }, 'member');
    await api.grant({ user: user.id }, { domain: domain.id }, 'member');
    const projectName = `${uniq('p')}[1]`;
    const domainName = `${uniq('d')}!`;
    await renameInDatabase(server, project.id, projectName);
    await renameInDatabase(server, domain.id, domainName);
    return { domain, project, user, projectName, domainName };
  }

  it('strict: refuses scoping by an unsafe project or domain name (401), never by id', async () => {
    const { domain, project, user, projectName, domainName } = await unsafelyNamed(strict, strictApi);
    const scoped = (scope: Parameters<typeof passwordAuth>[2]) =>
      strictApi.issue(passwordAuth({ id: user.id }, user.password, scope));
    expectKeystoneError(await scoped({ project: { name: projectName, domain: { id: domain.id } } }), 401);
    expectKeystoneError(await scoped({ domain: { name: domainName } }), 401);
    // A safe project name in a domain named unsafely: the domain name is refused.
    const safeProject = await strictApi.createProject({ domain_id: domain.id });
    await strictApi.grant({ user: user.id }, { project: safeProject.id }, 'member');
    expectKeystoneError(await scoped({ project: { name: safeProject.name, domain: { name: domainName } } }), 401);
    expect((await scoped({ project: { name: safeProject.name, domain: { id: domain.id } } })).status).toBe(201);
    expect((await scoped({ project: { id: project.id } })).status).toBe(201);
    expect((await scoped({ domain: { id: domain.id } })).status).toBe(201);
  });

  it('new: still lets a token be scoped by an existing unsafe name', async () => {
    const { domain, user, projectName, domainName } = await unsafelyNamed(relaxed, relaxedApi);
    const scoped = (scope: Parameters<typeof passwordAuth>[2]) =>
      relaxedApi.issue(passwordAuth({ id: user.id }, user.password, scope));
    expect((await scoped({ project: { name: projectName, domain: { id: domain.id } } })).status).toBe(201);
    expect((await scoped({ project: { name: projectName, domain: { name: domainName } } })).status).toBe(201);
    expect((await scoped({ domain: { name: domainName } })).status).toBe(201);
  });
});
