/**
 * Security probe finding "PostgreSQL races": concurrent identical grant or tag PUTs answered 500 (duplicate key);
 * deleting a parent while children were created left orphan projects; deleting a project while granting on it
 * left the assignment behind; ten parallel DELETEs of one project all answered 204. Each must now either succeed
 * once or fail with Keystone's 404/409/403. Run on every database (SQLite serialises writers, so it is the control).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DATABASES, uniq } from '../api/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const TRIALS = 15;

describe.each(DATABASES)('write races (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer({ database });
    api = new ApiClient(server);
    admin = await api.adminToken();
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.container.database.db;

  it('twenty identical grant PUTs at once all answer 204 and store one assignment', async () => {
    const project = await api.createProject();
    const user = await api.createUser();
    const memberId = await api.roleId('member');
    const path = `/projects/${project.id}/users/${user.id}/roles/${memberId}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.put(path, admin)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(204));
    const rows = await db().selectFrom('assignment').selectAll().where('actor_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('twenty identical tag PUTs at once all succeed and store the tag once', async () => {
    const project = await api.createProject();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.put(`/projects/${project.id}/tags/blue`, admin)),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    const tags = await db().selectFrom('project_tag').selectAll().where('project_id', '=', project.id).execute();
    expect(tags.map((t) => t.name)).toEqual(['blue']);
  });

  it('deleting a parent while children are created never leaves an orphan project', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const parent = await api.createProject();
      await api.patch(`/projects/${parent.id}`, admin, { project: { enabled: true } });
      const children = Array.from({ length: 3 }, () =>
        api.post('/projects', admin, { project: { name: uniq('child'), parent_id: parent.id } }),
      );
      const deletion = api.delete(`/projects/${parent.id}`, admin);
      const [deleted, ...created] = await Promise.all([deletion, ...children]);
      for (const c of created) expect([201, 404]).toContain(c.status);
      expect([204, 403]).toContain(deleted.status);
      const parentRow = await db().selectFrom('project').select('id').where('id', '=', parent.id).executeTakeFirst();
      const childRows = await db().selectFrom('project').select('id').where('parent_id', '=', parent.id).execute();
      if (!parentRow) expect(childRows).toEqual([]);
      expect(childRows.length).toBe(created.filter((c) => c.status === 201).length);
    }
  });

  it('deleting a project while granting on it never leaves the assignment behind', async () => {
    const memberId = await api.roleId('member');
    const user = await api.createUser();
    for (let trial = 0; trial < TRIALS; trial++) {
      const project = await api.createProject();
      const [granted, deleted] = await Promise.all([
        api.put(`/projects/${project.id}/users/${user.id}/roles/${memberId}`, admin),
        api.delete(`/projects/${project.id}`, admin),
      ]);
      expect([204, 404]).toContain(granted.status);
      expect(deleted.status).toBe(204);
      const left = await db().selectFrom('assignment').selectAll().where('target_id', '=', project.id).execute();
      expect(left).toEqual([]);
    }
  });

  it('ten parallel DELETEs of one project: one 204, the others 404', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const project = await api.createProject();
      const answers = await Promise.all(Array.from({ length: 10 }, () => api.delete(`/projects/${project.id}`, admin)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([204, ...Array(9).fill(404)]);
    }
  });
});
