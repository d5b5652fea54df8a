import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
beforeAll(async () => {
  s = await startInMemoryServices();
});
afterAll(() => s.close());
it('works', async () => {
  const t = await s.services.authenticator.authenticate({
    identity: { methods: ['password'], password: { user: { id: s.seed.adminUserId, password: 'admin-password' } } },
    scope: { project: { id: s.seed.adminProjectId } },
  });
  expect(t.roles.map((r) => r.name).sort()).toEqual(['admin', 'manager', 'member', 'reader']);
});
