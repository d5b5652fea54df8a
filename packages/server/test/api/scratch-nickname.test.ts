import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DATABASES, startApiTarget, uniq, type ApiTarget } from './api-client.ts';

describe.each(DATABASES)('scratch: a new user attribute (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;
  beforeAll(async () => {
    target = await startApiTarget(database);
    api = new ApiClient(target);
    admin = await api.adminToken();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('is stored, shown, changed, cleared, and not an extra attribute', async () => {
    const created = await api.post('/users', admin, { user: { name: uniq('nick'), nickname: 'Ace' } });
    expect(created.status).toBe(201);
    expect(created.body.user.nickname).toBe('Ace');
    const id = created.body.user.id;
    expect((await api.get(`/users/${id}`, admin)).body.user.nickname).toBe('Ace');
    const patched = await api.patch(`/users/${id}`, admin, { user: { nickname: 'Bee' } });
    expect(patched.body.user.nickname).toBe('Bee');
    const cleared = await api.patch(`/users/${id}`, admin, { user: { nickname: null } });
    expect(cleared.body.user).not.toHaveProperty('nickname');
    const plain = await api.post('/users', admin, { user: { name: uniq('nick') } });
    expect(plain.body.user).not.toHaveProperty('nickname');
    const tooLong = await api.post('/users', admin, { user: { name: uniq('nick'), nickname: 'x'.repeat(65) } });
    expect(tooLong.status).toBe(400);
  });
});
