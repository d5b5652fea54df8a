/**
 * /v3/policies over HTTP: policy blobs are stored and echoed, never evaluated. CRUD, the `type` filter, extra
 * attributes, validation, and the admin / system-reader / member policy. Runs against SQLite and PostgreSQL;
 * with XLOUD_TEST_TARGET against the reference Keystone (database checks skipped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTarget } from '../helpers/target.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, expectKeystoneError, isExternalTarget, uniq, type ApiTarget } from './api-client.ts';

const ours = !isExternalTarget();

describe.each(DATABASES)('policies (%s)', (database) => {
  let target: ApiTarget;
  let server: TestServer | undefined;
  let api: ApiClient;
  let admin: string;
  let member: string;
  let sysReader: string;

  beforeAll(async () => {
    server = ours ? await startTestServer({ database }) : undefined;
    target = server ?? (await getTarget({ database }));
    api = new ApiClient(target);
    admin = await api.adminToken();
    member = (await api.userWithRole('member')).token;
    const reader = await api.createUser();
    await api.grant({ user: reader.id }, { system: 'all' }, 'reader');
    sysReader = await api.token({ id: reader.id }, reader.password, { system: { all: true } });
  });

  afterAll(async () => {
    await target?.close();
  });

  async function createOk(policy: Record<string, unknown>) {
    const res = await api.post('/policies', admin, { policy });
    if (res.status !== 201) throw new Error(`create policy: ${res.status} ${res.text}`);
    return res.body.policy;
  }

  it('POST stores the blob and type verbatim, with a fresh id and extra attributes; a client id is ignored', async () => {
    const blob = JSON.stringify({ 'compute:create': '' });
    const res = await api.post('/policies', admin, {
      policy: { blob, type: 'application/json', id: 'chosen', note: 'n' },
    });
    expect(res.status).toBe(201);
    const p = res.body.policy;
    expect(p.id).toMatch(/^[0-9a-f]{32}$/);
    expect(p).toEqual({
      id: p.id,
      blob,
      type: 'application/json',
      note: 'n',
      links: { self: `${api.baseUrl}/v3/policies/${p.id}` },
    });
    const got = await api.get(`/policies/${p.id}`, admin);
    expect(got.status).toBe(200);
    expect(got.body.policy).toEqual(p);
  });

  it('POST validates: blob and type are required strings, type at most 255 characters', async () => {
    expectKeystoneError(await api.post('/policies', admin, { policy: { blob: 'b' } }), 400);
    expectKeystoneError(await api.post('/policies', admin, { policy: { type: 't' } }), 400);
    expectKeystoneError(await api.post('/policies', admin, { policy: { blob: { a: 1 }, type: 't' } }), 400);
    expectKeystoneError(await api.post('/policies', admin, { policy: { blob: 'b', type: 't'.repeat(256) } }), 400);
    expectKeystoneError(await api.post('/policies', admin, {}), 400);
    expect((await api.post('/policies', admin, { policy: { blob: 'b', type: 't'.repeat(255) } })).status).toBe(201);
  });

  it('GET /policies lists them all; ?type filters exactly and the self link keeps the query', async () => {
    const type = uniq('type');
    const a = await createOk({ blob: 'a', type });
    const b = await createOk({ blob: 'b', type });
    const c = await createOk({ blob: 'c', type: uniq('type') });
    const all = await api.get('/policies', admin);
    expect(all.status).toBe(200);
    expect(all.body.policies.map((p: any) => p.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect(all.body.links).toEqual({ self: `${api.baseUrl}/v3/policies`, previous: null, next: null });
    const filtered = await api.get(`/policies?type=${type}`, admin);
    expect(filtered.body.policies.map((p: any) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(filtered.body.links.self).toBe(`${api.baseUrl}/v3/policies?type=${type}`);
    expect((await api.get(`/policies?type=${uniq('none')}`, admin)).body.policies).toEqual([]);
  });

  it('PATCH changes type or blob and merges extra attributes; the id cannot change', async () => {
    const p = await createOk({ blob: 'v1', type: 't1', keep: 'k' });
    const res = await api.patch(`/policies/${p.id}`, admin, { policy: { type: 't2', more: 1 } });
    expect(res.status).toBe(200);
    expect(res.body.policy).toEqual({ ...p, type: 't2', more: 1 });
    const blob = await api.patch(`/policies/${p.id}`, admin, { policy: { blob: 'v2', id: p.id } });
    expect(blob.status).toBe(200);
    expect(blob.body.policy).toMatchObject({ id: p.id, blob: 'v2', type: 't2', keep: 'k', more: 1 });
    const other = await api.patch(`/policies/${p.id}`, admin, { policy: { id: 'other' } });
    expectKeystoneError(other, 400);
    expect(other.body.error.message).toBe('Cannot change policy ID');
    expectKeystoneError(await api.patch(`/policies/${p.id}`, admin, { policy: {} }), 400);
    expectKeystoneError(await api.patch(`/policies/${p.id}`, admin, { policy: { type: 1 } }), 400);
    expect((await api.get(`/policies/${p.id}`, admin)).body.policy).toEqual(blob.body.policy);
  });

  it('unknown ids are 404 for GET, PATCH and DELETE; DELETE is a 204 once', async () => {
    const missing = uniq('missing');
    for (const res of [
      await api.get(`/policies/${missing}`, admin),
      await api.patch(`/policies/${missing}`, admin, { policy: { type: 'x' } }),
      await api.delete(`/policies/${missing}`, admin),
    ]) {
      expectKeystoneError(res, 404);
      expect(res.body.error.message).toBe(`Could not find policy: ${missing}.`);
    }
    const p = await createOk({ blob: 'b', type: 't' });
    const del = await api.delete(`/policies/${p.id}`, admin);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectKeystoneError(await api.get(`/policies/${p.id}`, admin), 404);
    expectKeystoneError(await api.delete(`/policies/${p.id}`, admin), 404);
  });

  it('a project member may do nothing; a system reader may read but not write; no token is a 401', async () => {
    const p = await createOk({ blob: 'b', type: 't' });
    expectKeystoneError(await api.get('/policies', member), 403);
    expectKeystoneError(await api.get(`/policies/${p.id}`, member), 403);
    expectKeystoneError(await api.post('/policies', member, { policy: { blob: 'b', type: 't' } }), 403);
    expectKeystoneError(await api.patch(`/policies/${p.id}`, member, { policy: { type: 'x' } }), 403);
    expectKeystoneError(await api.delete(`/policies/${p.id}`, member), 403);

    expect((await api.get('/policies', sysReader)).status).toBe(200);
    expect((await api.get(`/policies/${p.id}`, sysReader)).body.policy).toEqual(p);
    expectKeystoneError(await api.post('/policies', sysReader, { policy: { blob: 'b', type: 't' } }), 403);
    expectKeystoneError(await api.patch(`/policies/${p.id}`, sysReader, { policy: { type: 'x' } }), 403);
    expectKeystoneError(await api.delete(`/policies/${p.id}`, sysReader), 403);

    expectKeystoneError(await api.get('/policies'), 401);
    expect((await api.get(`/policies/${p.id}`, admin)).body.policy).toEqual(p);
  });

  it.runIf(ours)(
    'values the database cannot hold are a 4xx, never a 500 (PostgreSQL is strict where SQLite is not)',
    async () => {
      expectKeystoneError(await api.post('/policies', admin, { policy: { blob: 'a\u0000b', type: 't' } }), 400);
      expectKeystoneError(await api.post('/policies', admin, { policy: { blob: 'b', type: 'a\u0000b' } }), 400);
      expectKeystoneError(await api.get('/policies/%00', admin), 404);
      expectKeystoneError(await api.delete('/policies/a%00b', admin), 404);
      const list = await api.get('/policies?type=%00', admin);
      expect(list.status).toBe(200);
      expect(list.body.policies).toEqual([]);
    },
  );

  it.runIf(ours)('rows live in the policy table, blob as given', async () => {
    const p = await createOk({ blob: 'stored as is', type: 'text/plain', note: 'x' });
    const row = await server!.container.database.db
      .selectFrom('policy')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id: p.id, blob: 'stored as is', type: 'text/plain' });
    expect(JSON.parse(row.extra)).toEqual({ note: 'x' });
  });
});
