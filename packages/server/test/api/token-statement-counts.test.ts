/**
 * What the token paths cost in database statements (issue 9, "lean token paths"), counted by the storage layer's
 * statement counter: password issue, re-scope, validation on a cache miss and on a hit; and which writes keep or
 * drop validated tokens. Counts, never timings. Runs on every database of XLOUD_TEST_DATABASES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DATABASES, isExternalTarget, passwordAuth, tokenAuth } from './api-client.ts';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';

describe.skipIf(isExternalTarget()).each(DATABASES)('token path statement counts (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let admin: string;
  let user: any;
  let project: any;
  let parent: any;
  let domain: any;

  beforeAll(async () => {
    // No change-counter poll: nothing but the request under test may reach the database while it is counted.
    server = await startTestServer({
      database,
      clock: TestClock.running(),
      config: { cache: { invalidation_poll_interval: '0' } },
    });
    api = new ApiClient(server);
    admin = await api.adminToken();
    domain = await api.createDomain();
    parent = await api.createProject({ domain_id: domain.id });
    project = await api.createProject({ domain_id: domain.id, parent_id: parent.id });
    user = await api.createUser({ domain_id: domain.id });
    const group = await api.createGroup({ domain_id: domain.id });
    expect((await api.put(`/groups/${group.id}/users/${user.id}`, admin)).status).toBe(204);
    // Direct, through a group, and inherited from the parent project: every kind the resolver has to find.
    await api.grant({ user: user.id }, { project: project.id }, 'reader');
    await api.grant({ group: group.id }, { project: project.id }, 'member');
    await api.grant({ user: user.id }, { project: parent.id }, 'member', { inherited: true });
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Statements `fn` caused; sign-in writes run after the response, so they are waited for and counted too. */
  async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; reads: number; writes: number }> {
    const statements = server.container.database.statements;
    await server.container.services.signIns.flush();
    const reads = statements.reads;
    const writes = statements.writes;
    const result = await fn();
    await server.container.services.signIns.flush();
    return { result, reads: statements.reads - reads, writes: statements.writes - writes };
  }

  const scope = () => ({ project: { id: project.id } });
  const validate = (subject: string) =>
    api.get('/auth/tokens', admin, { 'X-Subject-Token': subject }).then((res) => {
      expect(res.status).toBe(200);
      return res;
    });

  it('password issue (project scope, direct + group + inherited roles)', async () => {
    // Warm: the catalog and the caller-independent caches; the second issue is the one counted.
    await api.token({ id: user.id }, user.password, scope());
    const { result, reads, writes } = await counted(() => api.issue(passwordAuth({ id: user.id }, user.password, scope())));
    expect(result.status).toBe(201);
    console.log(`[${database}] password issue: ${reads} reads, ${writes} writes`);
    expect(reads).toBeLessThanOrEqual(6);
  });

  it('re-scope by the token method (parent token in the cache)', async () => {
    const unscoped = await api.token({ id: user.id }, user.password, 'unscoped');
    await validate(unscoped);
    const { result, reads, writes } = await counted(() => api.issue(tokenAuth(unscoped, scope())));
    expect(result.status).toBe(201);
    console.log(`[${database}] re-scope: ${reads} reads, ${writes} writes`);
    expect(reads).toBeLessThanOrEqual(4);
  });

  it('validation: a cache miss, then a hit', async () => {
    const token = await api.token({ id: user.id }, user.password, scope());
    await validate(token);
    server.container.services.tokens.invalidateCache();
    await validate(admin);
    const miss = await counted(() => validate(token));
    console.log(`[${database}] validation miss: ${miss.reads} reads, ${miss.writes} writes`);
    expect(miss.reads).toBeLessThanOrEqual(4);
    const hit = await counted(() => validate(token));
    console.log(`[${database}] validation hit: ${hit.reads} reads, ${hit.writes} writes`);
    expect(hit.reads).toBe(0);
    expect(miss.writes + hit.writes).toBe(0);
  });
});
