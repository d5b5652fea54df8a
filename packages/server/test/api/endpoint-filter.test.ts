/**
 * OS-EP-FILTER over HTTP: endpoint groups (CRUD, filter validation, the endpoints they select), endpoint ↔ project
 * and endpoint group ↔ project associations with their listings, clean-up when projects, endpoints or groups go,
 * the policy, and (a known difference) that token catalogs are not filtered by the associations here.
 * Runs against SQLite and PostgreSQL; with XLOUD_TEST_TARGET against the reference Keystone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  isExternalTarget,
  startApiTarget,
  uniq,
  type ApiTarget,
} from './api-client.ts';

const ours = !isExternalTarget();
const EP = '/OS-EP-FILTER';

describe.each(DATABASES)('OS-EP-FILTER (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;
  /** A service of our own with a public and an internal endpoint in a region of our own. */
  let serviceId: string;
  let regionId: string;
  let publicEp: any;
  let internalEp: any;

  beforeAll(async () => {
    target = await startApiTarget(database);
    api = new ApiClient(target);
    admin = await api.adminToken();
    const region = await api.post('/regions', admin, { region: { id: uniq('region') } });
    regionId = region.body.region.id;
    const service = await api.post('/services', admin, { service: { type: uniq('type'), name: uniq('svc') } });
    serviceId = service.body.service.id;
    const ep = async (iface: string) =>
      (
        await api.post('/endpoints', admin, {
          endpoint: { service_id: serviceId, interface: iface, url: `http://${uniq('h')}/`, region_id: regionId },
        })
      ).body.endpoint;
    publicEp = await ep('public');
    internalEp = await ep('internal');
  });

  afterAll(async () => {
    await target?.close();
  });

  async function createGroup(attrs: Record<string, unknown> = {}) {
    const res = await api.post(`${EP}/endpoint_groups`, admin, {
      endpoint_group: { name: uniq('eg'), filters: { service_id: serviceId }, ...attrs },
    });
    if (res.status !== 201) throw new Error(`create endpoint group: ${res.status} ${res.text}`);
    return res.body.endpoint_group;
  }

  describe('endpoint groups', () => {
    it('creates, shows, lists (also by name), checks, updates and deletes', async () => {
      const name = uniq('eg');
      const g = await createGroup({ name });
      expect(g).toEqual({
        id: g.id,
        name,
        description: null,
        filters: { service_id: serviceId },
        links: { self: `${target.baseUrl}/v3${EP}/endpoint_groups/${g.id}` },
      });
      expect((await api.get(`${EP}/endpoint_groups/${g.id}`, admin)).body.endpoint_group).toEqual(g);
      const head = await api.head(`${EP}/endpoint_groups/${g.id}`, admin);
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
      const list = await api.get(`${EP}/endpoint_groups`, admin);
      expect(list.status).toBe(200);
      expect(list.body.endpoint_groups).toContainEqual(g);
      expect(list.body.links).toEqual({
        self: `${target.baseUrl}/v3${EP}/endpoint_groups`,
        previous: null,
        next: null,
      });
      expect((await api.get(`${EP}/endpoint_groups?name=${name}`, admin)).body.endpoint_groups).toEqual([g]);

      const updated = await api.patch(`${EP}/endpoint_groups/${g.id}`, admin, {
        endpoint_group: { name: `${name}-2`, description: 'd', filters: { interface: 'public', region_id: regionId } },
      });
      expect(updated.status, updated.text).toBe(200);
      expect(updated.body.endpoint_group).toMatchObject({
        id: g.id,
        name: `${name}-2`,
        description: 'd',
        filters: { interface: 'public', region_id: regionId },
      });
      expect(
        (await api.patch(`${EP}/endpoint_groups/${g.id}`, admin, { endpoint_group: { id: g.id, description: null } }))
          .body.endpoint_group.description,
      ).toBeNull();
      // Unlike creation, an update may empty the filters.
      expect(
        (await api.patch(`${EP}/endpoint_groups/${g.id}`, admin, { endpoint_group: { filters: {} } })).body
          .endpoint_group.filters,
      ).toEqual({});

      expect((await api.delete(`${EP}/endpoint_groups/${g.id}`, admin)).status).toBe(204);
      const gone = await api.get(`${EP}/endpoint_groups/${g.id}`, admin);
      expectKeystoneError(gone, 404);
      expect(gone.body.error.message).toBe(`Could not find Endpoint Group: ${g.id}.`);
      expectKeystoneError(await api.delete(`${EP}/endpoint_groups/${g.id}`, admin), 404);
      expectKeystoneError(
        await api.patch(`${EP}/endpoint_groups/${g.id}`, admin, { endpoint_group: { name: 'x' } }),
        404,
      );
      expect((await api.get(`${EP}/endpoint_groups`, admin)).body.endpoint_groups.map((x: any) => x.id)).not.toContain(
        g.id,
      );
    });

    it('validates as Keystone does: filters required and known, no other attributes, no id change', async () => {
      const post = (body: unknown) => api.post(`${EP}/endpoint_groups`, admin, { endpoint_group: body });
      const empty = await post({ name: 'x', filters: {} });
      expectKeystoneError(empty, 400);
      expect(empty.body.error.message).toBe('filters field is required and cannot be empty');
      const bogus = await post({ name: 'x', filters: { bogus: 1 } });
      expectKeystoneError(bogus, 400);
      expect(bogus.body.error.message).toMatch(
        /^Expecting to find service_id or region_id or interface in endpoint_group\. /,
      );
      const extra = await post({ name: 'x', filters: { interface: 'public' }, foo: 'bar' });
      expectKeystoneError(extra, 400);
      expect(extra.body.error.message).toBe("'foo' is an invalid keyword argument for EndpointGroup");
      expectKeystoneError(await post({ filters: { interface: 'public' } }), 400);
      expectKeystoneError(await post({ name: '', filters: { interface: 'public' } }), 400);
      expectKeystoneError(await post({ name: 'x', filters: 'public' }), 400);
      expectKeystoneError(await post({ name: 'x' }), 400);

      const g = await createGroup();
      const patch = (body: unknown) => api.patch(`${EP}/endpoint_groups/${g.id}`, admin, { endpoint_group: body });
      const changeId = await patch({ id: 'other' });
      expectKeystoneError(changeId, 400);
      expect(changeId.body.error.message).toBe('Cannot change ID');
      expectKeystoneError(await patch({}), 400);
      expectKeystoneError(await patch({ filters: { bogus: 1 } }), 400);
      expectKeystoneError(await patch({ foo: 'bar' }), 400);
      expect((await api.get(`${EP}/endpoint_groups/${g.id}`, admin)).body.endpoint_group).toEqual(g);
    });

    it('selects the endpoints whose attributes equal every filter, enabled or not', async () => {
      const all = await createGroup({ filters: { service_id: serviceId } });
      const ids = async (groupId: string) => {
        const res = await api.get(`${EP}/endpoint_groups/${groupId}/endpoints`, admin);
        expect(res.status, res.text).toBe(200);
        return res.body.endpoints.map((e: any) => e.id).sort();
      };
      expect(await ids(all.id)).toEqual([publicEp.id, internalEp.id].sort());
      const pub = await createGroup({ filters: { service_id: serviceId, interface: 'public', region_id: regionId } });
      expect(await ids(pub.id)).toEqual([publicEp.id]);
      const listed = (await api.get(`${EP}/endpoint_groups/${pub.id}/endpoints`, admin)).body.endpoints[0];
      expect(listed).toMatchObject({
        id: publicEp.id,
        interface: 'public',
        region_id: regionId,
        region: regionId,
        service_id: serviceId,
        url: publicEp.url,
      });
      expectKeystoneError(await api.get(`${EP}/endpoint_groups/nope/endpoints`, admin), 404);
    });
  });

  describe('endpoint ↔ project', () => {
    it('associates, checks (204 for GET and HEAD), lists both ways and removes', async () => {
      const project = await api.createProject();
      const url = `${EP}/projects/${project.id}/endpoints/${publicEp.id}`;
      const notThere = await api.get(url, admin);
      expectKeystoneError(notThere, 404);
      expect(notThere.body.error.message).toBe(`Endpoint ${publicEp.id} not found in project ${project.id}`);
      expect((await api.put(url, admin)).status).toBe(204);
      const again = await api.put(url, admin);
      expectKeystoneError(again, 409);
      expect(again.body.error.message).toBe(
        'Conflict occurred attempting to store project_endpoint - Duplicate entry.',
      );
      expect((await api.get(url, admin)).status).toBe(204);
      expect((await api.head(url, admin)).status).toBe(204);

      const endpoints = await api.get(`${EP}/projects/${project.id}/endpoints`, admin);
      expect(endpoints.status).toBe(200);
      expect(endpoints.body.endpoints).toEqual([
        expect.objectContaining({ id: publicEp.id, region: regionId, service_id: serviceId }),
      ]);
      expect(endpoints.body.links.self).toBe(`${target.baseUrl}/v3${EP}/projects/${project.id}/endpoints`);
      const projects = await api.get(`${EP}/endpoints/${publicEp.id}/projects`, admin);
      expect(projects.status).toBe(200);
      expect(projects.body.projects).toContainEqual(
        expect.objectContaining({ id: project.id, name: project.name, domain_id: 'default', tags: [] }),
      );

      expect((await api.delete(url, admin)).status).toBe(204);
      expectKeystoneError(await api.delete(url, admin), 404);
      expectKeystoneError(await api.get(url, admin), 404);
      expect((await api.get(`${EP}/projects/${project.id}/endpoints`, admin)).body.endpoints).toEqual([]);
    });

    it('answers 404 for an unknown endpoint or project', async () => {
      const project = await api.createProject();
      const noEndpoint = await api.put(`${EP}/projects/${project.id}/endpoints/nope`, admin);
      expectKeystoneError(noEndpoint, 404);
      expect(noEndpoint.body.error.message).toBe('Could not find endpoint: nope.');
      const noProject = await api.put(`${EP}/projects/nope/endpoints/${publicEp.id}`, admin);
      expectKeystoneError(noProject, 404);
      expect(noProject.body.error.message).toBe('Could not find project: nope.');
      expectKeystoneError(await api.get(`${EP}/projects/nope/endpoints/${publicEp.id}`, admin), 404);
      expectKeystoneError(await api.get(`${EP}/projects/nope/endpoints`, admin), 404);
      expectKeystoneError(await api.get(`${EP}/endpoints/nope/projects`, admin), 404);
    });

    it('forgets the associations of a deleted project or endpoint', async () => {
      const project = await api.createProject();
      const ep = (
        await api.post('/endpoints', admin, {
          endpoint: { service_id: serviceId, interface: 'admin', url: 'http://x/' },
        })
      ).body.endpoint;
      expect((await api.put(`${EP}/projects/${project.id}/endpoints/${ep.id}`, admin)).status).toBe(204);
      expect((await api.put(`${EP}/projects/${project.id}/endpoints/${publicEp.id}`, admin)).status).toBe(204);
      expect((await api.delete(`/endpoints/${ep.id}`, admin)).status).toBe(204);
      expect(
        (await api.get(`${EP}/projects/${project.id}/endpoints`, admin)).body.endpoints.map((e: any) => e.id),
      ).toEqual([publicEp.id]);
      expect((await api.delete(`/projects/${project.id}`, admin)).status).toBe(204);
      expect(
        (await api.get(`${EP}/endpoints/${publicEp.id}/projects`, admin)).body.projects.map((p: any) => p.id),
      ).not.toContain(project.id);
    });
  });

  describe('endpoint group ↔ project', () => {
    it('associates, shows, lists both ways, adds the selected endpoints to the project, and removes', async () => {
      const project = await api.createProject();
      const g = await createGroup({ filters: { service_id: serviceId, interface: 'internal' } });
      const url = `${EP}/endpoint_groups/${g.id}/projects/${project.id}`;
      const notThere = await api.get(url, admin);
      expectKeystoneError(notThere, 404);
      expect(notThere.body.error.message).toBe('Endpoint Group Project Association not found');
      expect((await api.put(url, admin)).status).toBe(204);
      const again = await api.put(url, admin);
      expectKeystoneError(again, 409);
      expect(again.body.error.message).toBe(
        'Conflict occurred attempting to store project_endpoint_group - Duplicate entry.',
      );

      const shown = await api.get(url, admin);
      expect(shown.status, shown.text).toBe(200);
      expect(shown.body.project_endpoint_group).toMatchObject({ endpoint_group_id: g.id, project_id: project.id });
      expect(shown.body.project_endpoint_group.links.self).toMatch(
        new RegExp(`${EP}/endpoint_groups/${g.id}/projects/${project.id}$`),
      );
      if (ours) expect(shown.body.project_endpoint_group.links.self).toBe(`${target.baseUrl}/v3${url}`);
      expect((await api.head(url, admin)).status).toBe(200);

      expect((await api.get(`${EP}/projects/${project.id}/endpoint_groups`, admin)).body.endpoint_groups).toEqual([g]);
      expect(
        (await api.get(`${EP}/endpoint_groups/${g.id}/projects`, admin)).body.projects.map((p: any) => p.id),
      ).toEqual([project.id]);
      // Direct associations and group-selected endpoints together, each once.
      expect((await api.put(`${EP}/projects/${project.id}/endpoints/${publicEp.id}`, admin)).status).toBe(204);
      const endpoints = (await api.get(`${EP}/projects/${project.id}/endpoints`, admin)).body.endpoints.map(
        (e: any) => e.id,
      );
      expect(endpoints.sort()).toEqual([publicEp.id, internalEp.id].sort());

      expect((await api.delete(url, admin)).status).toBe(204);
      expectKeystoneError(await api.delete(url, admin), 404);
      expect((await api.get(`${EP}/projects/${project.id}/endpoint_groups`, admin)).body.endpoint_groups).toEqual([]);
      expect(
        (await api.get(`${EP}/projects/${project.id}/endpoints`, admin)).body.endpoints.map((e: any) => e.id),
      ).toEqual([publicEp.id]);
    });

    it('answers 404 for an unknown project or group, but lists no projects for an unknown group (as Keystone)', async () => {
      const project = await api.createProject();
      const g = await createGroup();
      const noGroup = await api.put(`${EP}/endpoint_groups/nope/projects/${project.id}`, admin);
      expectKeystoneError(noGroup, 404);
      expect(noGroup.body.error.message).toBe('Could not find Endpoint Group: nope.');
      expectKeystoneError(await api.put(`${EP}/endpoint_groups/${g.id}/projects/nope`, admin), 404);
      expectKeystoneError(await api.get(`${EP}/endpoint_groups/${g.id}/projects/nope`, admin), 404);
      expectKeystoneError(await api.delete(`${EP}/endpoint_groups/nope/projects/${project.id}`, admin), 404);
      expectKeystoneError(await api.get(`${EP}/projects/nope/endpoint_groups`, admin), 404);
      const none = await api.get(`${EP}/endpoint_groups/nope/projects`, admin);
      expect(none.status).toBe(200);
      expect(none.body.projects).toEqual([]);
    });

    it('forgets the associations of a deleted group or project', async () => {
      const project = await api.createProject();
      const kept = await createGroup();
      const dropped = await createGroup();
      for (const g of [kept, dropped])
        expect((await api.put(`${EP}/endpoint_groups/${g.id}/projects/${project.id}`, admin)).status).toBe(204);
      expect((await api.delete(`${EP}/endpoint_groups/${dropped.id}`, admin)).status).toBe(204);
      expect(
        (await api.get(`${EP}/projects/${project.id}/endpoint_groups`, admin)).body.endpoint_groups.map(
          (g: any) => g.id,
        ),
      ).toEqual([kept.id]);
      expect((await api.delete(`/projects/${project.id}`, admin)).status).toBe(204);
      expect((await api.get(`${EP}/endpoint_groups/${kept.id}/projects`, admin)).body.projects).toEqual([]);
    });
  });

  /**
   * As Keystone's sql catalog driver (22 and master): once a project has endpoint associations (direct or through
   * groups), its project-scoped token catalog shows only those endpoints, and services left without any disappear.
   */
  it('token catalogs show only the project’s associated endpoints once it has any', async () => {
    const { user, projectId } = await api.userWithRole('member');
    expect((await api.put(`${EP}/projects/${projectId}/endpoints/${publicEp.id}`, admin)).status).toBe(204);
    const g = await createGroup({ filters: { interface: 'internal', service_id: serviceId } });
    expect((await api.put(`${EP}/endpoint_groups/${g.id}/projects/${projectId}`, admin)).status).toBe(204);
    const token = await api.issue({
      auth: {
        identity: { methods: ['password'], password: { user: { id: user.id, password: user.password } } },
        scope: { project: { id: projectId } },
      },
    });
    expect(token.status, token.text).toBe(201);
    const catalog = token.body.token.catalog as Array<{ type: string; endpoints: Array<{ id: string }> }>;
    const own = catalog.find((s) => s.endpoints.some((e) => e.id === publicEp.id));
    expect(own?.endpoints.map((e) => e.id).sort()).toEqual([publicEp.id, internalEp.id].sort());
    expect(catalog.some((s) => s.type === 'identity')).toBe(false);
    // validation renders the same filtered catalog, and removing the associations restores the whole one
    const validated = await api.get('/auth/tokens', admin, { 'X-Subject-Token': token.tokenId });
    expect(validated.body.token.catalog).toEqual(catalog);
    expect((await api.delete(`${EP}/projects/${projectId}/endpoints/${publicEp.id}`, admin)).status).toBe(204);
    expect((await api.delete(`${EP}/endpoint_groups/${g.id}/projects/${projectId}`, admin)).status).toBe(204);
    const whole = await api.get('/auth/tokens', admin, { 'X-Subject-Token': token.tokenId });
    expect(whole.body.token.catalog.some((s: { type: string }) => s.type === 'identity')).toBe(true);
  });

  describe('policy', () => {
    it('lets a system reader read, and keeps project members out', async () => {
      const g = await createGroup();
      const reader = await api.createUser();
      await api.grant({ user: reader.id }, { system: 'all' }, 'reader');
      const sysReader = await api.token({ id: reader.id }, reader.password, { system: { all: true } });
      expect((await api.get(`${EP}/endpoint_groups`, sysReader)).status).toBe(200);
      expect((await api.get(`${EP}/endpoint_groups/${g.id}`, sysReader)).status).toBe(200);
      expect((await api.get(`${EP}/endpoint_groups/${g.id}/projects`, sysReader)).status).toBe(200);
      expectKeystoneError(
        await api.post(`${EP}/endpoint_groups`, sysReader, {
          endpoint_group: { name: 'x', filters: { interface: 'public' } },
        }),
        403,
      );
      expectKeystoneError(await api.delete(`${EP}/endpoint_groups/${g.id}`, sysReader), 403);

      const member = await api.userWithRole('member');
      expectKeystoneError(await api.get(`${EP}/endpoint_groups`, member.token), 403);
      expectKeystoneError(await api.get(`${EP}/projects/${member.projectId}/endpoints`, member.token), 403);
      expectKeystoneError(
        await api.put(`${EP}/projects/${member.projectId}/endpoints/${publicEp.id}`, member.token),
        403,
      );
      expectKeystoneError(
        await api.put(`${EP}/endpoint_groups/${g.id}/projects/${member.projectId}`, member.token),
        403,
      );
      expectKeystoneError(await api.get(`${EP}/endpoint_groups`), 401);
    });
  });
});
