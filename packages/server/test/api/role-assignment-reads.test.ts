/**
 * GET /v3/role_assignments for one user reads that user's and their groups' assignments only: what it costs in
 * database statements does not grow with the rest of the cloud (other users, groups and their grants). The
 * scale benchmark found a listing that read the whole assignment table and expanded every group of the cloud.
 * Counts, never timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DATABASES, isExternalTarget } from './api-client.ts';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';

describe.skipIf(isExternalTarget()).each(DATABASES)('role assignment listing for one user (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer({
      database,
      clock: TestClock.running(),
      config: { cache: { invalidation_poll_interval: '0' } },
    });
    api = new ApiClient(server);
    admin = await api.adminToken();
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Others: users each in a group of their own, with a group grant and an inherited one. */
  async function addOthers(count: number, project: { id: string }) {
    for (let i = 0; i < count; i++) {
      const other = await api.createUser();
      const group = await api.createGroup();
      await api.put(`/groups/${group.id}/users/${other.id}`, admin);
      await api.grant({ group: group.id }, { project: project.id }, 'member');
      await api.grant({ user: other.id }, { project: project.id }, 'reader', { inherited: true });
    }
  }

  async function readsOf(path: string): Promise<{ reads: number; body: any }> {
    const statements = server.container.database.statements;
    const before = statements.reads;
    const res = await api.get(path, admin);
    expect(res.status).toBe(200);
    return { reads: statements.reads - before, body: res.body };
  }

  it('costs the same with 2 or 12 other users and groups in the cloud, and finds direct, group and inherited roles', async () => {
    const domain = await api.createDomain();
    const parent = await api.createProject({ domain_id: domain.id });
    const child = await api.createProject({ domain_id: domain.id, parent_id: parent.id });
    const user = await api.createUser({ domain_id: domain.id });
    const group = await api.createGroup({ domain_id: domain.id });
    await api.put(`/groups/${group.id}/users/${user.id}`, admin);
    await api.grant({ user: user.id }, { project: child.id }, 'reader');
    await api.grant({ group: group.id }, { project: child.id }, 'member');
    await api.grant({ user: user.id }, { project: parent.id }, 'admin', { inherited: true });

    const path = `/role_assignments?effective&include_names&user.id=${user.id}`;
    await addOthers(2, parent);
    await readsOf(path); // warms the caches the listing shares with everything else
    const few = await readsOf(path);
    await addOthers(10, parent);
    await readsOf(path);
    const many = await readsOf(path);
    expect(many.reads).toBe(few.reads);
    const found = many.body.role_assignments.map(
      (a: any) =>
        `${a.role.name}@${a.scope.project.id === child.id ? 'child' : 'other'}${a.links.membership ? '+group' : ''}`,
    );
    // Direct, through the group, inherited from the parent, and what admin and member imply.
    expect(found).toEqual(expect.arrayContaining(['reader@child', 'member@child+group', 'admin@child']));
    expect(many.body.role_assignments.every((a: any) => a.user.id === user.id)).toBe(true);
  });
});
