/**
 * GET /v3/OS-XLOUD/audit-events: the audit trail in the database. Every event is stored whatever the notification
 * driver (unset here) and opt-out list (Keystone's default suppresses successful sign-ins), with its CADF form;
 * system readers list it with filters and limit/marker pagination; [audit] retention_days purges old events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, expectKeystoneError, passwordAuth, uniq } from './api-client.ts';

describe.each(DATABASES)('audit events (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ database });
    api = new ApiClient(server);
  });
  afterAll(async () => server.close());

  const list = async (query: string) => {
    const res = await api.get(`/OS-XLOUD/audit-events${query}`, await api.systemToken());
    expect(res.status).toBe(200);
    return res.body;
  };

  it('is for system readers only', async () => {
    expectKeystoneError(await api.get('/OS-XLOUD/audit-events'), 401);
    expectKeystoneError(await api.get('/OS-XLOUD/audit-events', await api.adminToken()), 403);
    const { user, token } = await api.userWithRole('member');
    expect(user.id).toBeDefined();
    expectKeystoneError(await api.get('/OS-XLOUD/audit-events', token), 403);
  });

  it('records sign-ins, successful ones too, filtered by user, action and outcome', async () => {
    const user = await api.createUser();
    expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
    expect((await api.issue(passwordAuth({ id: user.id }, 'wrong'))).status).toBe(401);
    const all = (await list(`?user_id=${user.id}&action=authenticate`)).audit_events;
    // Newest first; two sign-ins within one millisecond may come in either order.
    expect(all.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['failure', 'success']);
    const [failure] = (await list(`?user_id=${user.id}&outcome=failure`)).audit_events;
    expect(failure).toMatchObject({
      event_type: 'identity.authenticate',
      action: 'authenticate',
      user_id: user.id,
      target_type: 'user',
      target_id: user.id,
    });
    expect(failure.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(failure.payload).toMatchObject({
      typeURI: 'http://schemas.dmtf.org/cloud/audit/1.0/event',
      outcome: 'failure',
      initiator: { user_id: user.id },
    });
  });

  it('records changes with the caller, its scope and the request id', async () => {
    const token = await api.adminToken();
    const admin = (await api.get('/auth/tokens', token, { 'X-Subject-Token': token })).body.token;
    const res = await api.post('/projects', token, { project: { name: uniq('audited'), domain_id: 'default' } });
    expect(res.status).toBe(201);
    const events = (await list(`?user_id=${admin.user.id}&action=created.project`)).audit_events;
    const event = events.find((e: { target_id: string }) => e.target_id === res.body.project.id);
    expect(event).toMatchObject({
      event_type: 'identity.project.created',
      outcome: 'success',
      target_type: 'project',
      project_id: admin.project.id,
      domain_id: null,
      request_id: res.headers.get('x-openstack-request-id'),
      payload: { resource_info: res.body.project.id, target: { typeURI: 'data/security/project' } },
    });
  });

  it('pages newest first with limit and marker, repeating the filters in links.next', async () => {
    const user = await api.createUser();
    for (let i = 0; i < 3; i++) await api.issue(passwordAuth({ id: user.id }, 'wrong'));
    const everything = (await list(`?user_id=${user.id}`)).audit_events.map((e: { id: string }) => e.id);
    expect(everything).toHaveLength(3);
    const first = await list(`?user_id=${user.id}&limit=2`);
    expect(first.audit_events.map((e: { id: string }) => e.id)).toEqual(everything.slice(0, 2));
    const next = new URL(first.links.next);
    expect(next.searchParams.get('user_id')).toBe(user.id);
    const second = (await api.get(next.toString(), await api.systemToken())).body;
    expect(second.audit_events.map((e: { id: string }) => e.id)).toEqual(everything.slice(2));
    expect(second.links.next).toBeNull();
  });

  it('filters by time and refuses what it cannot read', async () => {
    expect((await list('?since=2999-01-01T00:00:00Z')).audit_events).toEqual([]);
    expect((await list('?until=2000-01-01')).audit_events).toEqual([]);
    const token = await api.systemToken();
    for (const query of [
      '?since=yesterday',
      '?outcome=maybe',
      '?limit=0',
      '?limit=1001',
      '?marker=nothing-like-this',
    ]) {
      expectKeystoneError(await api.get(`/OS-XLOUD/audit-events${query}`, token), 400);
    }
  });
});

describe('[audit] retention_days', () => {
  const clock = new TestClock();
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ clock, config: { audit: { retention_days: '30' } } });
    api = new ApiClient(server);
  });
  afterAll(async () => server.close());

  it('purges events older than retention_days and keeps the newer ones', async () => {
    const user = await api.createUser();
    await api.issue(passwordAuth({ id: user.id }, 'wrong'));
    clock.advance(31 * 86_400 * 1000);
    await server.container.services.auditLog.purge();
    const fresh = new ApiClient(server);
    const events = (await fresh.get(`/OS-XLOUD/audit-events`, await fresh.systemToken())).body.audit_events;
    expect(events.filter((e: { user_id: string }) => e.user_id === user.id)).toEqual([]);
    expect(events.some((e: { action: string }) => e.action === 'authenticate')).toBe(true);
  });
});
