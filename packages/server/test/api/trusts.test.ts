import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DATABASES, startApiTarget, type ApiTarget } from './api-client.ts';

/** OS-TRUST: delegation, trust-scoped tokens, and what ends them. */
describe.each(DATABASES)('trusts (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;

  beforeAll(async () => {
    target = await startApiTarget(database);
    api = new ApiClient(target);
  });
  afterAll(() => target.close());

  async function delegation(impersonation: boolean, extra: Record<string, unknown> = {}) {
    const trustor = await api.userWithRole('member');
    const trustee = await api.createUser();
    const trusteeToken = await api.token({ id: trustee.id }, trustee.password);
    const res = await api.post('/OS-TRUST/trusts', trustor.token, {
      trust: {
        trustor_user_id: trustor.user.id,
        trustee_user_id: trustee.id,
        project_id: trustor.projectId,
        impersonation,
        roles: [{ name: 'member' }],
        ...extra,
      },
    });
    expect(res.status, res.text).toBe(201);
    return { trustor, trustee, trusteeToken, trust: res.body.trust };
  }

  const trustScope = (trustId: string) => ({ 'OS-TRUST:trust': { id: trustId } });

  it('lets the trustee get a trust-scoped token carrying the delegated roles, as the trustor when impersonating', async () => {
    const { trustor, trustee, trusteeToken, trust } = await delegation(true);
    expect(trust.roles.map((r: { name: string }) => r.name)).toEqual(['member']);
    const res = await api.issue({
      auth: { identity: { methods: ['token'], token: { id: trusteeToken } }, scope: trustScope(trust.id) },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.token['OS-TRUST:trust']).toEqual({
      id: trust.id,
      impersonation: true,
      trustee_user: { id: trustee.id },
      trustor_user: { id: trustor.user.id },
    });
    expect(res.body.token.user.id).toBe(trustor.user.id);
    expect(res.body.token.project.id).toBe(trustor.projectId);
    expect(res.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    const validated = await api.get('/auth/tokens', await api.adminToken(), { 'X-Subject-Token': res.tokenId });
    expect(validated.status).toBe(200);
    expect(validated.body.token['OS-TRUST:trust'].id).toBe(trust.id);
  });

  it('keeps the trustee as the token user without impersonation, and forbids others and re-scoping', async () => {
    const { trustee, trusteeToken, trust, trustor } = await delegation(false);
    const res = await api.issue({
      auth: { identity: { methods: ['token'], token: { id: trusteeToken } }, scope: trustScope(trust.id) },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.token.user.id).toBe(trustee.id);
    const stranger = await api.createUser();
    const strangerToken = await api.token({ id: stranger.id }, stranger.password);
    const other = await api.issue({
      auth: { identity: { methods: ['token'], token: { id: strangerToken } }, scope: trustScope(trust.id) },
    });
    expect(other.status).toBe(403);
    const rescope = await api.issue({
      auth: {
        identity: { methods: ['token'], token: { id: res.tokenId } },
        scope: { project: { id: trustor.projectId } },
      },
    });
    expect(rescope.status).toBe(403);
  });

  it('invalidates trust tokens when the trust is deleted, and consumes remaining_uses', async () => {
    const { trustor, trusteeToken, trust } = await delegation(false, { remaining_uses: 1 });
    const first = await api.issue({
      auth: { identity: { methods: ['token'], token: { id: trusteeToken } }, scope: trustScope(trust.id) },
    });
    expect(first.status, first.text).toBe(201);
    const second = await api.issue({
      auth: { identity: { methods: ['token'], token: { id: trusteeToken } }, scope: trustScope(trust.id) },
    });
    expect(second.status).toBe(403);
    expect((await api.delete(`/OS-TRUST/trusts/${trust.id}`, trustor.token)).status).toBe(204);
    expect((await api.get(`/OS-TRUST/trusts/${trust.id}`, trustor.token)).status).toBe(404);
    const validated = await api.get('/auth/tokens', await api.adminToken(), { 'X-Subject-Token': first.tokenId });
    expect(validated.status).toBe(404);
  });

  it('refuses delegating a role the trustor does not hold, and creating a trust for someone else', async () => {
    const trustor = await api.userWithRole('member');
    const trustee = await api.createUser();
    const notHeld = await api.post('/OS-TRUST/trusts', trustor.token, {
      trust: {
        trustor_user_id: trustor.user.id,
        trustee_user_id: trustee.id,
        project_id: trustor.projectId,
        impersonation: false,
        roles: [{ name: 'admin' }],
      },
    });
    expect(notHeld.status).toBe(403);
    const forOther = await api.post('/OS-TRUST/trusts', trustor.token, {
      trust: {
        trustor_user_id: trustee.id,
        trustee_user_id: trustor.user.id,
        project_id: trustor.projectId,
        impersonation: false,
        roles: [{ name: 'member' }],
      },
    });
    expect(forOther.status).toBe(403);
    const badExpiry = await api.post('/OS-TRUST/trusts', trustor.token, {
      trust: {
        trustor_user_id: trustor.user.id,
        trustee_user_id: trustee.id,
        project_id: trustor.projectId,
        impersonation: false,
        expires_at: 'bad.123Z',
      },
    });
    expect(badExpiry.status).toBe(400);
  });
});
